using System.Collections.Generic;
using System.Linq;
using PortOne.Emulator.Data;

namespace PortOne.Emulator.Control;

/// <summary>
/// The truth a test compares an export with, worked out the slow, obvious way and apart from the API's query code
/// (<see cref="QueryEngine"/>, its indexes and caches): every payment in the store, filtered by status and by the
/// time its current status implies (both ends inclusive), sorted by the sort time and then by id. So a filtering or
/// ordering bug in the API's code shows as a disagreement instead of passing both sides; a test checks the two agree.
/// </summary>
internal static class NaiveTruth
{
    /// <summary>Caller holds the store's read lock.</summary>
    public static List<Payment> Query(PaymentStore store, PaymentStatus? status, long from, long to, SortField sort, bool descending)
    {
        var matches = new List<Payment>();
        for (int id = 0; id < store.Count; id++)
        {
            Payment p = store[id];
            if (status is PaymentStatus only && p.Status != only) continue;
            long windowTime = p.Status switch
            {
                PaymentStatus.Ready => p.StartedAt,
                PaymentStatus.Paid => p.PaidAt,
                PaymentStatus.Cancelled => p.CancelledAt,
                _ => p.FailedAt,
            };
            if (windowTime >= from && windowTime <= to) matches.Add(p);
        }
        IEnumerable<Payment> ordered = matches
            .Select(p => (Payment: p, Key: sort switch { SortField.Started => p.StartedAt, SortField.Paid => p.PaidAt, _ => p.UpdatedAt }))
            .OrderBy(x => x.Key).ThenBy(x => x.Payment.Id)
            .Select(x => x.Payment);
        var list = ordered.ToList();
        if (descending) list.Reverse();
        return list;
    }
}
