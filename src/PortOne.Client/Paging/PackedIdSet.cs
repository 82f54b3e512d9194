using System;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// A set of non-zero longs in one array (open addressing, linear probing, at most three quarters full): 8 bytes a
    /// slot where HashSet&lt;long&gt; takes 20 an entry, and, as it grows, the old array and the new one at once are
    /// 24 MB for a million ids where HashSet's are about 33. It holds every imp_uid a long read has written, so this
    /// is most of what a read of a million payments adds to the peak working set beyond a small one.
    /// </summary>
    internal sealed class PackedIdSet
    {
        private const int FirstBits = 10;
        private long[] _slots = new long[1 << FirstBits];
        private int _bits = FirstBits; // the table has 2^_bits slots
        private int _count;

        public int Count => _count;

        /// <summary>False when <paramref name="value"/> (never 0: 0 marks an empty slot) was there already.</summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public bool Add(long value)
        {
            if (value == 0) throw new ArgumentOutOfRangeException(nameof(value), "0 marks an empty slot.");
            if (!Insert(_slots, _bits, value)) return false;
            if (++_count > _slots.Length / 4 * 3) Grow();
            return true;
        }

        [MethodImpl(Jit.Optimized)]
        private static bool Insert(long[] slots, int bits, long value)
        {
            int mask = slots.Length - 1;
            // Fibonacci hashing: the multiply spreads ids that differ in their low digits over the whole table; the
            // product's top bits, as many as the table needs, are the first slot to try.
            int i = (int)((ulong)(value * unchecked((long)0x9E3779B97F4A7C15)) >> (64 - bits));
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

        private void Grow()
        {
            var larger = new long[_slots.Length * 2];
            foreach (long value in _slots)
            {
                if (value != 0) Insert(larger, _bits + 1, value);
            }
            _slots = larger;
            _bits++;
        }
    }
}
