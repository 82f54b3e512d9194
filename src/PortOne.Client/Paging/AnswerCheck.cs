using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// Checks an answer against the request it answers. The reader's completeness rests on the API keeping to the
    /// range and the page asked for, so an answer that does not is an error, never something to page on.
    /// </summary>
    internal static class AnswerCheck
    {
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public static PaymentPage Checked(PageRequest request, PaymentPage page)
        {
            page.List ??= new List<PaymentAnnotation>();
            foreach (PaymentAnnotation payment in page.List)
            {
                long? second = StatusTime.Of(payment, request.Status);
                if (second.HasValue && !request.Range.Contains(second.Value))
                {
                    throw Inconsistent(request, string.Format(CultureInfo.InvariantCulture,
                        "payment {0} ({1}, status time {2}) lies outside the range asked for ({3} to {4}): PortOne did not apply from and to",
                        payment.ImpUid, payment.Status, second.Value, request.Range.From, request.Range.To));
                }
            }
            if (page.Total < page.List.Count) page.Total = page.List.Count;
            if (request.Page == 1 && page.Total > page.List.Count && page.List.Count < request.Limit)
            {
                throw Inconsistent(request, string.Format(CultureInfo.InvariantCulture,
                    "it counts {0} payments in the range but sent {1}, fewer than the page of {2} asked for",
                    page.Total, page.List.Count, request.Limit));
            }
            return page;
        }

        private static PortOneException Inconsistent(PageRequest request, string what) =>
            new PortOneException(PortOneErrorKind.InvalidResponse, $"PortOne's answer to {request.PathAndQuery} contradicts the request: {what}.")
            {
                RequestPath = request.PathAndQuery,
            };
    }
}
