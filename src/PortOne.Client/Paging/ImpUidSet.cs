using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>
    /// The imp_uids already written, to drop repeats that offset paging over live data produces. Stores a 64-bit
    /// hash instead of the string so a million payments cost ~30 MB, not ~100 MB.
    /// </summary>
    internal sealed class ImpUidSet
    {
        private readonly HashSet<ulong> _seen = new HashSet<ulong>();

        /// <summary>False when this imp_uid was seen before.</summary>
        public bool Add(string impUid) => _seen.Add(Hash(impUid));

        private static ulong Hash(string text)
        {
            // FNV-1a, 64-bit: stable across processes (string.GetHashCode is not) and collision-free in practice
            // for a few million short ids.
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return hash;
        }
    }
}
