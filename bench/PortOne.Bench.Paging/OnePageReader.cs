using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Http;
using PortOne.Json;
using PortOne.Paging;

namespace PortOne.Bench.Paging;

/// <summary>
/// The plainest complete reader, the speed yardstick: page 1, 2, 3 ... of a full page each, one request at a time,
/// the next sent only once the one before is read, until the API says there is no next page.
/// </summary>
internal sealed class OnePageReader
{
    private readonly ApiTransport _transport;
    private readonly int _pageSize;

    public OnePageReader(ApiTransport transport, int pageSize)
    {
        _transport = transport;
        _pageSize = pageSize;
    }

    public IEnumerable<PaymentAnnotation> Read(string status, string sorting, long from, long to)
    {
        var seen = new ImpUidSet();
        for (int page = 1; ; page++)
        {
            string path = string.Format(CultureInfo.InvariantCulture, "payments/status/{0}?page={1}&limit={2}&from={3}&to={4}&sorting={5}",
                status, page, _pageSize, from, to, Uri.EscapeDataString(sorting));
            PaymentPage result = _transport.GetAsync(path, PortOneJsonContext.Default.ApiEnvelopePaymentPage, NullPortOneEvents.Instance, CancellationToken.None)
                .GetAwaiter().GetResult();
            List<PaymentAnnotation> list = result.List ?? new List<PaymentAnnotation>();
            foreach (PaymentAnnotation payment in list)
            {
                if (seen.Add(payment.ImpUid)) yield return payment;
            }
            if (result.Next == 0 || list.Count == 0) yield break;
            if (result.Next <= page) throw new InvalidOperationException($"page {page} says the next page is {result.Next}");
        }
    }
}
