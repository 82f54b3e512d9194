using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Data;

namespace PortOne.Emulator.Api;

/// <summary>A validated GET /payments/status request.</summary>
internal readonly record struct PageRequest(WindowQuery Query, int Page, int Limit);

/// <summary>
/// Validation of the by-status parameters with PortOne's rules and Korean messages: status all|ready|paid|
/// cancelled|failed, page &gt;= 1, limit 1..1000, from/to unix seconds (defaults to = now, from = to - 90 days),
/// at most 90 days, from &lt;= to, sorting one of six.
/// </summary>
internal static class QueryParser
{
    public const long MaxWindowSeconds = 90L * 86_400; // 7,776,000
    private const long MaxUnix = 1_000_000_000_000; // keeps to - from free of overflow
    public const string BadStatus = "지원되지 않는 상태값입니다.";
    public const string BadPage = "page는 1 이상의 정수여야 합니다.";
    public const string BadLimit = "limit은 1 이상 1000 이하의 정수여야 합니다.";
    public const string BadTime = "from, to는 UNIX timestamp(초 단위 정수)여야 합니다.";
    public const string BadSorting = "지원되지 않는 정렬기준입니다.";
    public const string FromAfterTo = "검색 시작 시각(from)은 검색 종료 시각(to)보다 늦을 수 없습니다.";
    public const string WindowTooLong = "검색기간은 최대 90일까지 가능합니다.";
    public const string PageBeyondData = "데이터 범위를 넘어선 page입니다.";

    /// <summary>Null on success, else the message for a 400.</summary>
    public static string? TryParse(string statusText, IQueryCollection q, long now, out PageRequest request)
    {
        request = default;
        if (!TryParseStatus(statusText, allowAll: true, out PaymentStatus? status)) return BadStatus;
        if (!TryInt(q, "page", 1, out long page) || page < 1 || page > int.MaxValue) return BadPage;
        if (!TryInt(q, "limit", 20, out long limit) || limit < 1 || limit > 1000) return BadLimit;
        if (!TryInt(q, "to", now, out long to) || to < -MaxUnix || to > MaxUnix) return BadTime;
        if (!TryInt(q, "from", to - MaxWindowSeconds, out long from) || from < -MaxUnix || from > MaxUnix) return BadTime;
        if (!TryParseSorting(q, out SortField sort, out bool descending)) return BadSorting;
        if (from > to) return FromAfterTo;
        if (to - from > MaxWindowSeconds) return WindowTooLong;
        request = new PageRequest(new WindowQuery(status, from, to, sort, descending), (int)page, (int)limit);
        return null;
    }

    public static bool TryParseStatus(string text, bool allowAll, out PaymentStatus? status)
    {
        status = null;
        switch (text)
        {
            case "all" when allowAll: return true;
            case "ready": status = PaymentStatus.Ready; return true;
            case "paid": status = PaymentStatus.Paid; return true;
            case "cancelled": status = PaymentStatus.Cancelled; return true;
            case "failed": status = PaymentStatus.Failed; return true;
            default: return false;
        }
    }

    /// <summary>sorting: -started (default) | started | -paid | paid | -updated | updated.</summary>
    public static bool TryParseSorting(IQueryCollection q, out SortField sort, out bool descending)
    {
        string text = q.TryGetValue("sorting", out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]) ? v[0]! : "-started";
        descending = text.StartsWith('-');
        sort = SortField.Started;
        switch (descending ? text[1..] : text)
        {
            case "started": return true;
            case "paid": sort = SortField.Paid; return true;
            case "updated": sort = SortField.Updated; return true;
            default: return false;
        }
    }

    /// <summary>An integer parameter; absent or empty means the default.</summary>
    public static bool TryInt(IQueryCollection q, string name, long fallback, out long value)
    {
        value = fallback;
        if (!q.TryGetValue(name, out var v) || v.Count == 0 || string.IsNullOrEmpty(v[0])) return true;
        return long.TryParse(v[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
