using System;
using System.Collections.Generic;
using CsCheck;
using PortOne.Paging;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>The set of packed imp_uids that keeps a long read exactly once: it must agree with HashSet&lt;long&gt;.</summary>
    public class PackedIdSetTests
    {
        [Fact]
        public void Agrees_with_a_hash_set_on_any_sequence_of_adds_through_its_growth()
        {
            // Few distinct values (repeats) and many (growth past the first 1,024 slots), near and far apart.
            Gen<long> small = Gen.Long[1, 3000];
            Gen<long> any = Gen.Long.Where(v => v != 0);
            Gen.Frequency((1, small), (1, any), (1, small.Select(v => v << 40))).Array[0, 5000].Sample(values =>
            {
                var set = new PackedIdSet();
                var model = new HashSet<long>();
                foreach (long value in values)
                {
                    if (set.Add(value) != model.Add(value)) return false;
                }
                return set.Count == model.Count;
            });
        }

        [Fact]
        public void Keeps_a_million_ids_of_one_digit_count_apart()
        {
            var set = new PackedIdSet();
            const long twelveDigits = 12L << 57;
            for (long i = 1; i <= 1_000_000; i++) Assert.True(set.Add(twelveDigits | (356_264_575_794L + i * 7)));
            Assert.Equal(1_000_000, set.Count);
            for (long i = 1; i <= 1_000_000; i += 999) Assert.False(set.Add(twelveDigits | (356_264_575_794L + i * 7)));
            Assert.True(set.Add(twelveDigits | 356_264_575_795L));
        }

        [Fact]
        public void Refuses_zero_the_mark_of_an_empty_slot() =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new PackedIdSet().Add(0));
    }
}
