using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// Finds which of an object's known fields a property name names. Fields come back in the same order object after
    /// object, so it learns which field followed which and tries that one first (threads that read at once may teach
    /// it different orders: a wrong guess only costs a scan).
    /// </summary>
    internal sealed class FieldNames
    {
        private readonly byte[][] _utf8;
        private readonly Dictionary<string, int> _byName;
        private readonly int[] _successor;
        private int _first;

        public FieldNames(IReadOnlyList<string> names)
        {
            _utf8 = new byte[names.Count][];
            _byName = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
            _successor = new int[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
                _byName[names[i]] = i;
                _successor[i] = i + 1;
            }
        }

        /// <summary>The field most likely to come first in an object.</summary>
        public int First => _first;

        /// <summary>The field most likely to follow <paramref name="index"/>.</summary>
        public int After(int index) => _successor[index];

        /// <summary>Remembers that <paramref name="index"/> followed <paramref name="previous"/> (-1: came first).</summary>
        public void Learn(int previous, int index)
        {
            if (previous < 0) _first = index;
            else _successor[previous] = index;
        }

        /// <summary>The field an unescaped name (its UTF-8 bytes) names, or -1: the expected one first.</summary>
        [MethodImpl(Jit.Optimized)]
        public int Find(ReadOnlySpan<byte> name, int expected)
        {
            if (expected < _utf8.Length && name.SequenceEqual(_utf8[expected])) return expected;
            for (int i = 0; i < _utf8.Length; i++)
            {
                if (name.SequenceEqual(_utf8[i])) return i;
            }
            return -1;
        }

        /// <summary>The field the reader's property name names, or -1 with the name in <paramref name="unknown"/>: the expected one first, then by name.</summary>
        [MethodImpl(Jit.Optimized)]
        public int Find(ref Utf8JsonReader reader, int expected, out string? unknown)
        {
            unknown = null;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                int found = Find(reader.ValueSpan, expected);
                if (found >= 0) return found;
            }
            string name = reader.GetString()!;
            if (_byName.TryGetValue(name, out int index)) return index;
            unknown = name;
            return -1;
        }
    }
}
