using System.Collections.Generic;
using System.Text.Json;

namespace PortOne.Emulator.Control;

/// <summary>
/// One API request: <paramref name="AtMs"/> is when it arrived (unix milliseconds), <paramref name="Ms"/> the server's
/// own time, <paramref name="Token"/> the bearer token it presented (test tokens: a test checks none is ever shown).
/// </summary>
internal readonly record struct RequestLogEntry(string Method, string Path, string Query, int Status, string? Tier, double Ms, long AtMs, string? Token);

/// <summary>
/// The API requests since the last reset, newest last; a ring of the last 100,000. Requests still being served are
/// listed apart (<see cref="InFlight"/>), so a test can wait until a request is under way, such as one it stalls.
/// </summary>
internal sealed class RequestLog
{
    public const int Capacity = 100_000;
    private readonly RequestLogEntry[] _ring = new RequestLogEntry[Capacity];
    private readonly object _gate = new();
    private readonly Dictionary<long, RequestLogEntry> _inFlight = new();
    private long _added;
    private long _resetAt;
    private long _started;

    /// <summary>Notes a request that arrived; returns the ticket <see cref="Add"/> ends it with.</summary>
    public long Begin(in RequestLogEntry e)
    {
        lock (_gate)
        {
            long ticket = ++_started;
            _inFlight[ticket] = e;
            return ticket;
        }
    }

    public List<RequestLogEntry> InFlight()
    {
        lock (_gate) return new List<RequestLogEntry>(_inFlight.Values);
    }

    public void Add(long ticket, in RequestLogEntry e)
    {
        lock (_gate)
        {
            _inFlight.Remove(ticket);
            _ring[_added++ % Capacity] = e;
        }
    }

    public void Reset()
    {
        lock (_gate) _resetAt = _added;
    }

    public List<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            long first = System.Math.Max(_resetAt, _added - Capacity);
            var list = new List<RequestLogEntry>((int)(_added - first));
            for (long i = first; i < _added; i++) list.Add(_ring[i % Capacity]);
            return list;
        }
    }

    public static void Write(Utf8JsonWriter w, List<RequestLogEntry> entries)
    {
        w.WriteStartArray();
        foreach (RequestLogEntry e in entries)
        {
            w.WriteStartObject();
            w.WriteString("method", e.Method);
            w.WriteString("path", e.Path);
            w.WriteString("query", e.Query);
            w.WriteNumber("status", e.Status);
            if (e.Tier is null) w.WriteNull("tier"); else w.WriteString("tier", e.Tier);
            w.WriteNumber("ms", System.Math.Round(e.Ms, 3));
            w.WriteNumber("at", e.AtMs);
            if (e.Token is null) w.WriteNull("token"); else w.WriteString("token", e.Token);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
