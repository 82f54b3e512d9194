using System;

namespace PortOne
{
    /// <summary>The six orders the API can sort by (its `sorting` parameter).</summary>
    public enum PaymentSort
    {
        StartedDescending,
        StartedAscending,
        PaidDescending,
        PaidAscending,
        UpdatedDescending,
        UpdatedAscending,
    }

    public static class PaymentSortNames
    {
        public static string ToApiString(this PaymentSort sort) => sort switch
        {
            PaymentSort.StartedAscending => "started",
            PaymentSort.PaidDescending => "-paid",
            PaymentSort.PaidAscending => "paid",
            PaymentSort.UpdatedDescending => "-updated",
            PaymentSort.UpdatedAscending => "updated",
            _ => "-started",
        };

        /// <summary>
        /// The order a status reads in when no sort is given: by the time its range filters on where the API can
        /// sort by it (ready by started, paid by paid), newest first; cancelled and failed by last update.
        /// </summary>
        public static PaymentSort DefaultFor(PaymentStatus status) => status switch
        {
            PaymentStatus.Paid => PaymentSort.PaidDescending,
            PaymentStatus.Cancelled => PaymentSort.UpdatedDescending,
            PaymentStatus.Failed => PaymentSort.UpdatedDescending,
            _ => PaymentSort.StartedDescending,
        };

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
