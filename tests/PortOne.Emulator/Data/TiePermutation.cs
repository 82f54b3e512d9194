namespace PortOne.Emulator.Data;

/// <summary>
/// A seeded bijection on [0, n): a small Feistel network over the next even power of two, cycle-walked back into
/// range. It maps a tie's position to another without building the permutation, so a page of a second that holds
/// thousands of payments costs no more than its own rows.
/// </summary>
internal static class TiePermutation
{
    public static int Apply(int index, int n, ulong seed)
    {
        int halfBits = 1;
        while (1L << (2 * halfBits) < n) halfBits++;
        uint mask = (1u << halfBits) - 1;
        uint x = (uint)index;
        do x = Feistel(x, halfBits, mask, seed);
        while (x >= (uint)n);
        return (int)x;
    }

    private static uint Feistel(uint x, int halfBits, uint mask, ulong seed)
    {
        uint left = x >> halfBits, right = x & mask;
        for (int round = 0; round < 4; round++)
        {
            uint next = left ^ (Round(right, seed, round) & mask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private static uint Round(uint value, ulong seed, int round)
    {
        ulong h = (value + 1UL) * 0x9E3779B97F4A7C15UL ^ seed ^ (ulong)(round + 1) * 0xBF58476D1CE4E5B9UL;
        h ^= h >> 31;
        h *= 0x94D049BB133111EBUL;
        return (uint)(h ^ (h >> 29));
    }
}
