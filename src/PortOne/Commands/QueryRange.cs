using System;
using PortOne.Errors;

namespace PortOne.Commands
{
    /// <summary>
    /// -From with -To or -Before, as Get-PortOnePayment and Export-PortOnePayment both read them: validated, and
    /// -Before turned into the inclusive end the API takes.
    /// </summary>
    internal static class QueryRange
    {
        /// <summary>
        /// The range's ends (null where not given); stops <paramref name="cmdlet"/> with PortOne.InvalidDateRange where they
        /// make no range. <paramref name="now"/> is PortOne's now: a range that ends now ends at PortOne's now.
        /// </summary>
        public static (DateTimeOffset? From, DateTimeOffset? To) Resolve(
            PortOneCmdlet cmdlet, DateTime? fromParameter, DateTime? toParameter, DateTime? beforeParameter, DateTimeOffset now)
        {
            if (toParameter.HasValue && beforeParameter.HasValue)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidDateRange, beforeParameter,
                    "-To and -Before both end the range; give one of them.",
                    "Use -Before for an end that is not included (such as midnight of the next day), or -To for one that is."));
            }
            DateTimeOffset? from = fromParameter.HasValue ? new DateTimeOffset(fromParameter.Value) : (DateTimeOffset?)null;
            DateTimeOffset? to = toParameter.HasValue ? new DateTimeOffset(toParameter.Value)
                : beforeParameter.HasValue ? LastSecondBefore(new DateTimeOffset(beforeParameter.Value))
                : (DateTimeOffset?)null;
            if (from.HasValue && to.HasValue && from > to)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidDateRange, fromParameter,
                    beforeParameter.HasValue
                        ? $"-From ({PortOneCmdlet.ShowTime(from.Value)}) is not before " +
                          $"-Before ({PortOneCmdlet.ShowTime(new DateTimeOffset(beforeParameter.Value))})."
                        : $"-From ({PortOneCmdlet.ShowTime(from.Value)}) is after -To ({PortOneCmdlet.ShowTime(to.Value)}).",
                    "Swap the dates, or leave the end (-To or -Before) out to read up to now."));
            }
            if (from.HasValue && !to.HasValue && from > now + PortOneClient.ClockUncertainty)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidDateRange, fromParameter,
                    $"-From ({PortOneCmdlet.ShowTime(from.Value)}) is in the future, and without -To the range ends now: " +
                    $"PortOne's clock says {PortOneCmdlet.ShowTime(now.ToOffset(from.Value.Offset))}.",
                    "Give a -From in the past; a date without a zone is local time, and a date string is read the invariant way (month/day/year)."));
            }
            return (from, to);
        }

        /// <summary>
        /// The inclusive end that -Before means: the last whole second before it, because the API's to is inclusive and
        /// counts whole seconds (a payment at exactly midnight then belongs to the next day only).
        /// </summary>
        private static DateTimeOffset LastSecondBefore(DateTimeOffset end)
        {
            DateTimeOffset last = end.AddTicks(-1);
            return last.AddTicks(-(last.Ticks % TimeSpan.TicksPerSecond));
        }
    }
}
