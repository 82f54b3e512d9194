using System;

namespace PortOne
{
    /// <summary>A sort's API spelling, its direction, the default per status, and parsing of either spelling.</summary>
    public static class PaymentSortNames
    {
        /// <summary>
        /// The order a status is read in when none is asked for: its own status time, newest first, where the API can
        /// sort by it (ready: started, paid: paid; cancelled and failed payments change no more, so their updated time
        /// is their cancel or fail time). No sort follows each payment's own status time for "all": it keeps the API's
        /// default.
        /// </summary>
        public static PaymentSort DefaultFor(PaymentStatus status) => status switch
        {
            PaymentStatus.Paid => PaymentSort.PaidDescending,
            PaymentStatus.Cancelled => PaymentSort.UpdatedDescending,
            PaymentStatus.Failed => PaymentSort.UpdatedDescending,
            _ => PaymentSort.StartedDescending,
        };

        /// <summary>The API's spelling of the sort, such as -paid for PaidDescending.</summary>
        public static string ToApiString(this PaymentSort sort) => sort switch
        {
            PaymentSort.StartedAscending => "started",
            PaymentSort.PaidDescending => "-paid",
            PaymentSort.PaidAscending => "paid",
            PaymentSort.UpdatedDescending => "-updated",
            PaymentSort.UpdatedAscending => "updated",
            _ => "-started",
        };

        /// <summary>True for the newest-first sorts.</summary>
        public static bool IsDescending(this PaymentSort sort) =>
            sort == PaymentSort.StartedDescending || sort == PaymentSort.PaidDescending || sort == PaymentSort.UpdatedDescending;

        /// <summary>Reads either an API spelling ('-paid') or a readable name ('PaidDescending'), any case.</summary>
        public static bool TryParse(string? text, out PaymentSort sort)
        {
            sort = PaymentSort.StartedDescending;
            if (string.IsNullOrWhiteSpace(text)) return false;
            string value = text!.Trim();
            foreach (PaymentSort candidate in (PaymentSort[])Enum.GetValues(typeof(PaymentSort)))
            {
                if (string.Equals(candidate.ToApiString(), value, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase))
                {
                    sort = candidate;
                    return true;
                }
            }
            return false;
        }
    }
}
