using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// The text of one JSON value, token by token as the reader saw it: names, strings (escapes kept) and numbers
    /// byte for byte, only the whitespace between tokens dropped. So a payment's JSON stays exactly as PortOne sent
    /// it, on one line.
    /// </summary>
    internal static class CompactJson
    {
        [ThreadStatic]
        private static byte[]? _buffer;

        /// <summary>Reads the value the reader is on to its end, and returns its text (UTF-8).</summary>
        [MethodImpl(Jit.Optimized)]
        public static byte[] Copy(ref Utf8JsonReader reader)
        {
            byte[] buffer = _buffer ??= new byte[1 << 14];
            int length = 0;
            int depth = reader.CurrentDepth;
            Emit(ref buffer, ref length, ref reader);
            if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
            {
                // Its closing token is the first one back at its depth.
                while (reader.Read())
                {
                    Emit(ref buffer, ref length, ref reader);
                    if (reader.CurrentDepth == depth) break;
                }
            }
            _buffer = buffer;
            return buffer.AsSpan(0, length).ToArray();
        }

        private static void Emit(ref byte[] buffer, ref int length, ref Utf8JsonReader reader)
        {
            JsonTokenType token = reader.TokenType;
            if (length > 0 && token != JsonTokenType.EndObject && token != JsonTokenType.EndArray)
            {
                // A comma before anything that follows a value (not an opening bracket, not a name's colon).
                byte last = buffer[length - 1];
                if (last != (byte)'{' && last != (byte)'[' && last != (byte)':') Append(ref buffer, ref length, (byte)',');
            }
            switch (token)
            {
                case JsonTokenType.StartObject: Append(ref buffer, ref length, (byte)'{'); break;
                case JsonTokenType.EndObject: Append(ref buffer, ref length, (byte)'}'); break;
                case JsonTokenType.StartArray: Append(ref buffer, ref length, (byte)'['); break;
                case JsonTokenType.EndArray: Append(ref buffer, ref length, (byte)']'); break;
                case JsonTokenType.PropertyName:
                    Quoted(ref buffer, ref length, ref reader);
                    Append(ref buffer, ref length, (byte)':');
                    break;
                case JsonTokenType.String: Quoted(ref buffer, ref length, ref reader); break;
                default: Raw(ref buffer, ref length, ref reader); break; // numbers, true, false, null
            }
        }

        private static void Quoted(ref byte[] buffer, ref int length, ref Utf8JsonReader reader)
        {
            Append(ref buffer, ref length, (byte)'"');
            Raw(ref buffer, ref length, ref reader);
            Append(ref buffer, ref length, (byte)'"');
        }

        private static void Raw(ref byte[] buffer, ref int length, ref Utf8JsonReader reader)
        {
            ReadOnlySpan<byte> value = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            if (length + value.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + value.Length));
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
        }

        private static void Append(ref byte[] buffer, ref int length, byte b)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            buffer[length++] = b;
        }
    }
}
