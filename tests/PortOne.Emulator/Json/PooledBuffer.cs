using System;
using System.Buffers;

namespace PortOne.Emulator.Json;

/// <summary>
/// Growable byte buffer on rented arrays. Responses are serialized into it first so that the status code, the
/// Content-Length and the Server-Timing header are known before the first byte goes out, and so that faults can
/// cut or break a complete body.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _written;

    public PooledBuffer(int initialSize = 16 * 1024) => _array = ArrayPool<byte>.Shared.Rent(initialSize);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);
    public int Length => _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    public void Clear() => _written = 0;

    private void Ensure(int sizeHint)
    {
        int need = Math.Max(sizeHint, 256);
        if (_array.Length - _written >= need) return;
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + need));
        _array.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        byte[] a = _array;
        _array = [];
        _written = 0;
        if (a.Length > 0) ArrayPool<byte>.Shared.Return(a);
    }
}
