using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using PortOne.Json;

namespace PortOne.Export
{
    internal static class Utf8Text
    {
        /// <summary>Short texts are copied here to be decoded: netstandard2.0 decodes only arrays (one per thread).</summary>
        [ThreadStatic] private static byte[]? _scratch;

        /// <summary>The string of well-formed UTF-8 bytes.</summary>
        public static string Decode(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > 256) return Encoding.UTF8.GetString(utf8.ToArray());
            byte[] scratch = _scratch ??= new byte[256];
            utf8.CopyTo(scratch);
            return Encoding.UTF8.GetString(scratch, 0, utf8.Length);
        }

        /// <summary>
        /// True where the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF): what
        /// the JSON reader checks only when it makes a string, and a row copies without making one.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static bool IsValid(ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                // Eight ASCII bytes at a time: most of a payment's text is.
                if (i + 8 <= bytes.Length && (MemoryMarshal.Read<ulong>(bytes.Slice(i)) & 0x8080808080808080UL) == 0)
                {
                    i += 8;
                    continue;
                }
                int lead = bytes[i];
                if (lead < 0x80)
                {
                    i++;
                    continue;
                }
                int more, point, least;
                if ((lead & 0xE0) == 0xC0) (more, point, least) = (1, lead & 0x1F, 0x80);
                else if ((lead & 0xF0) == 0xE0) (more, point, least) = (2, lead & 0x0F, 0x800);
                else if ((lead & 0xF8) == 0xF0) (more, point, least) = (3, lead & 0x07, 0x10000);
                else return false;
                if (i + more >= bytes.Length) return false;
                for (int k = 1; k <= more; k++)
                {
                    int next = bytes[i + k];
                    if ((next & 0xC0) != 0x80) return false;
                    point = (point << 6) | (next & 0x3F);
                }
                if (point < least || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return false;
                i += more + 1;
            }
            return true;
        }
    }
}
