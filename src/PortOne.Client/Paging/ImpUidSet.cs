using System.Collections.Generic;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// The imp_uids already written, compared whole (never by a hash that could collide). PortOne's ids are
    /// "imp_" and up to 17 digits: those are packed into a long that keeps the digit count, so the mapping is exact
    /// and a million of them cost 16 MB (<see cref="PackedIdSet"/>) instead of the ~100 MB a set of strings would; any
    /// other id is kept as text.
    /// </summary>
    internal sealed class ImpUidSet
    {
        private const string Prefix = "imp_";
        private const int MaxPackedDigits = 17; // 10^17 < 2^57, leaving 5 bits for the digit count
        private readonly PackedIdSet _packed = new PackedIdSet();
        private readonly HashSet<string> _other = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>False when this imp_uid was seen before.</summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public bool Add(string impUid) =>
            TryPack(impUid, out long packed) ? _packed.Add(packed) : _other.Add(impUid);

        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        internal static bool TryPack(string impUid, out long packed)
        {
            packed = 0;
            int digits = impUid.Length - Prefix.Length;
            if (digits < 1 || digits > MaxPackedDigits || !impUid.StartsWith(Prefix, System.StringComparison.Ordinal)) return false;
            long value = 0;
            for (int i = Prefix.Length; i < impUid.Length; i++)
            {
                char c = impUid[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            packed = ((long)digits << 57) | value;
            return true;
        }
    }
}
