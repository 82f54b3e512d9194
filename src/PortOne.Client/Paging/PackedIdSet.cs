using System;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// A set of non-zero longs in arrays of longs (open addressing, linear probing, each at most three quarters full):
    /// 8 bytes a slot where HashSet&lt;long&gt; takes 20 an entry. It holds every imp_uid a long read has written, so
    /// this is most of what a read of a million payments adds to the peak working set beyond a small one: 16 MB. The
    /// values are spread over 64 tables by their hash, each growing on its own, so growing never holds an old and a
    /// new copy of the whole set at once (one table of a million took 24 MB while it doubled).
    /// </summary>
    internal sealed class PackedIdSet
    {
        private const int TableBits = 6;   // 64 tables, chosen by the hash's top bits
        private const int FirstBits = 4;   // of 16 slots each at first: 1,024 in all
        private const long Fibonacci = unchecked((long)0x9E3779B97F4A7C15);

        private readonly long[][] _tables = new long[1 << TableBits][];
        private readonly int[] _bits = new int[1 << TableBits]; // table t has 2^_bits[t] slots
        private readonly int[] _counts = new int[1 << TableBits];

        public PackedIdSet()
        {
            for (int t = 0; t < _tables.Length; t++)
            {
                _tables[t] = new long[1 << FirstBits];
                _bits[t] = FirstBits;
            }
        }

        public int Count
        {
            get
            {
                int count = 0;
                foreach (int inTable in _counts) count += inTable;
                return count;
            }
        }

        /// <summary>False when <paramref name="value"/> (never 0: 0 marks an empty slot) was there already.</summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public bool Add(long value)
        {
            if (value == 0) throw new ArgumentOutOfRangeException(nameof(value), "0 marks an empty slot.");
            // Fibonacci hashing: the multiply spreads ids that differ in their low digits over every bit; the top bits
            // choose the table, the next ones, as many as the table needs, the first slot to try.
            ulong hash = (ulong)(value * Fibonacci);
            int t = (int)(hash >> (64 - TableBits));
            if (!Insert(_tables[t], _bits[t], hash, value)) return false;
            if (++_counts[t] > _tables[t].Length / 4 * 3) Grow(t);
            return true;
        }

        [MethodImpl(Jit.Optimized)]
        private static bool Insert(long[] slots, int bits, ulong hash, long value)
        {
            int mask = slots.Length - 1;
            int i = (int)((hash << TableBits) >> (64 - bits));
            while (true)
            {
                long slot = slots[i];
                if (slot == 0)
                {
                    slots[i] = value;
                    return true;
                }
                if (slot == value) return false;
                i = (i + 1) & mask;
            }
        }

        private void Grow(int t)
        {
            long[] old = _tables[t];
            var larger = new long[old.Length * 2];
            int bits = _bits[t] + 1;
            foreach (long value in old)
            {
                if (value != 0) Insert(larger, bits, (ulong)(value * Fibonacci), value);
            }
            _tables[t] = larger;
            _bits[t] = bits;
        }
    }
}
