using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Http
{
    /// <summary>Parses an answer's whole body.</summary>
    internal delegate T? BodyParser<T>(ReadOnlySpan<byte> json);

    /// <summary>
    /// Reads an answer's body whole, then parses it in one pass. Parsing as the body streams in costs a second pass
    /// over every payment: the serializer first scans a converter's whole value to be sure it has arrived. A page is
    /// a megabyte or two, and its buffer goes back to a pool once parsed (nothing parsed points into it). The pool is
    /// the module's own and keeps at most 4 buffers of a size: the shared pool keeps one per thread as well, and over
    /// a long read that added 40 MB to the peak working set.
    /// </summary>
    internal static class JsonBody
    {
        private const int FirstSize = 1 << 16;
        private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 4);

        /// <summary>The serializer's read of <paramref name="typeInfo"/>, as a body parser.</summary>
        public static BodyParser<T> Serializer<T>(JsonTypeInfo<T> typeInfo) => json => JsonSerializer.Deserialize(json, typeInfo);

        /// <summary>The body read whole, then parsed by <paramref name="parse"/>.</summary>
        public static async Task<T?> ReadAsync<T>(Stream body, long? length, BodyParser<T> parse, CancellationToken cancellationToken)
        {
            byte[] buffer = Buffers.Rent(length > 0 && length < 1 << 26 ? (int)length.Value + 1 : FirstSize);
            try
            {
                int used = 0;
                while (true)
                {
                    if (used == buffer.Length) buffer = Grow(buffer, used);
                    int read = await body.ReadAsync(buffer, used, buffer.Length - used, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    used += read;
                }
                return parse(new ReadOnlySpan<byte>(buffer, 0, used));
            }
            finally
            {
                Buffers.Return(buffer);
            }
        }

        private static byte[] Grow(byte[] buffer, int used)
        {
            byte[] larger = Buffers.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, used);
            Buffers.Return(buffer);
            return larger;
        }
    }
}
