using System;
using System.Text.Json;
using PortOne.Emulator.Data;
using static PortOne.Emulator.Json.JsonText;

namespace PortOne.Emulator.Json;

/// <summary>PortOne's response envelope {code, message, response} around the various payloads.</summary>
internal static class Envelope
{
    private static readonly JsonEncodedText Code = E("code"), Message = E("message"), Response = E("response"),
        Total = E("total"), Previous = E("previous"), Next = E("next"), List = E("list"),
        AccessToken = E("access_token"), Now = E("now"), ExpiredAt = E("expired_at");

    public static void Error(PooledBuffer buf, int code, string message)
    {
        using var w = new Utf8JsonWriter(buf, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber(Code, code);
        w.WriteString(Message, message);
        w.WriteNull(Response);
        w.WriteEndObject();
    }

    public static void Token(PooledBuffer buf, string token, long now, long expiredAt)
    {
        using var w = new Utf8JsonWriter(buf, WriterOptions);
        Open(w);
        w.WriteStartObject(Response);
        w.WriteString(AccessToken, token);
        w.WriteNumber(Now, now);
        w.WriteNumber(ExpiredAt, expiredAt);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void Payment(PooledBuffer buf, PaymentStore store, Payment p)
    {
        using var w = new Utf8JsonWriter(buf, WriterOptions);
        Open(w);
        w.WritePropertyName(Response);
        PaymentJsonWriter.Write(w, store, p);
        w.WriteEndObject();
    }

    /// <summary>One page of a query: {total, previous, next, list}; previous/next are 0 where there is none.</summary>
    public static void Page(PooledBuffer buf, PaymentStore store, QueryView view, int page, int limit)
    {
        long skip = (long)(page - 1) * limit;
        Page(buf, store, view, skip, limit, view.Count, page > 1 ? page - 1 : 0, skip + limit < view.Count ? page + 1 : 0);
    }

    /// <summary>The payments [skip, skip + limit) of the view under whatever total/previous/next the caller claims.</summary>
    public static void Page(PooledBuffer buf, PaymentStore store, QueryView view, long skip, int limit, long total, long previous, long next)
    {
        using var w = new Utf8JsonWriter(buf, WriterOptions);
        Open(w);
        w.WriteStartObject(Response);
        w.WriteNumber(Total, total);
        w.WriteNumber(Previous, previous);
        w.WriteNumber(Next, next);
        w.WriteStartArray(List);
        int end = (int)Math.Min(view.Count, skip + limit);
        for (int i = (int)Math.Min(skip, view.Count); i < end; i++)
        {
            PaymentJsonWriter.Write(w, store, store[view.IdAt(i)]);
            // Hand full chunks to the buffer as we go instead of letting the writer grow one huge span.
            if (w.BytesPending > 32 * 1024) w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Open(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber(Code, 0);
        w.WriteNull(Message);
    }
}
