using System;
using System.Diagnostics;
using System.Management.Automation;
using PortOne.Connection;

namespace PortOne.Commands
{
    /// <summary>
    /// Get-PortOnePayment: payments of a status and time range, streamed page by page as they arrive; or single
    /// payments by imp_uid or merchant_uid (from the pipeline too).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PortOnePayment", DefaultParameterSetName = StatusSet, SupportsPaging = true)]
    [OutputType(typeof(PaymentAnnotation))]
    public sealed partial class GetPortOnePaymentCommand : PortOneCmdlet
    {
        private const string StatusSet = "ByStatus";
        private const string LookupSet = "ByUid";

        [Parameter(Position = 0, ParameterSetName = StatusSet)]
        public PaymentStatus Status { get; set; } = PaymentStatus.All;

        [Parameter(ParameterSetName = StatusSet)]
        public DateTime? From { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public DateTime? To { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateSet("-started", "started", "-paid", "paid", "-updated", "updated",
            "StartedDescending", "StartedAscending", "PaidDescending", "PaidAscending", "UpdatedDescending", "UpdatedAscending",
            IgnoreCase = true)]
        public string Sort { get; set; } = "-started";

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = PaymentQuery.DefaultPageSize;

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = PaymentQuery.DefaultPagesInFlight;

        // One lookup set holds both ids, so a piped payment (which has both) binds without ambiguity: ImpUid wins.
        [Parameter(ParameterSetName = LookupSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("imp_uid")]
        [ValidateNotNullOrEmpty]
        public string[]? ImpUid { get; set; }

        [Parameter(ParameterSetName = LookupSet, ValueFromPipelineByPropertyName = true)]
        [Alias("merchant_uid")]
        [ValidateNotNullOrEmpty]
        public string[]? MerchantUid { get; set; }

        protected override void ProcessRecord()
        {
            PortOneConnection connection = RequireConnection();
            if (ParameterSetName != LookupSet)
            {
                if (UsesCheckpoint()) ReadWithCheckpoint(connection.Client);
                else ReadByStatus(connection.Client);
            }
            else if (ImpUid != null && ImpUid.Length > 0)
            {
                foreach (string id in ImpUid) LookUp(id, () => connection.Client.GetPaymentAsync(id, ClientEvents, CancelToken).GetAwaiter().GetResult());
            }
            else
            {
                foreach (string id in MerchantUid ?? Array.Empty<string>()) LookUp(id, () => connection.Client.FindByMerchantUidAsync(id, ClientEvents, CancelToken).GetAwaiter().GetResult());
            }
        }

        private void ReadByStatus(PortOneClient client)
        {
            PaymentQuery query = BuildQuery();
            Run(() =>
            {
                PaymentStream stream = client.OpenPayments(query, ClientEvents, CancelToken);
                if (PagingParameters.IncludeTotalCount)
                {
                    long total = stream.CountTotal();
                    ClientEvents.Drain(this);
                    WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
                }
                var watch = Stopwatch.StartNew();
                long written = 0;
                foreach (PaymentAnnotation payment in stream.Read())
                {
                    ClientEvents.Drain(this);
                    WriteObject(payment);
                    written++;
                }
                ClientEvents.CompleteProgress(this);
                WriteVerbose(ClientEvents.Summary(written, watch.Elapsed));
            }, Status);
        }

        private PaymentQuery BuildQuery()
        {
            DateTimeOffset? from = From.HasValue ? new DateTimeOffset(From.Value) : (DateTimeOffset?)null;
            DateTimeOffset? to = To.HasValue ? new DateTimeOffset(To.Value) : (DateTimeOffset?)null;
            if (from.HasValue && to.HasValue && from > to)
            {
                ThrowTerminatingError(NewError("PortOne.InvalidDateRange", ErrorCategory.InvalidArgument, From,
                    $"-From ({From:u}) is after -To ({To:u}).",
                    "Swap the dates, or leave -To out to read up to now."));
            }
            if (!PaymentSortNames.TryParse(Sort, out PaymentSort sort))
            {
                ThrowTerminatingError(NewError("PortOne.InvalidSort", ErrorCategory.InvalidArgument, Sort,
                    $"'{Sort}' is not a sort order PortOne knows.",
                    "Use one of -started, started, -paid, paid, -updated, updated (or StartedDescending, PaidAscending, ...)."));
            }
            return new PaymentQuery
            {
                Status = Status,
                From = from,
                To = to,
                Sort = sort,
                PageSize = PageSize,
                Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                First = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
                MaxPagesInFlight = ThrottleLimit,
            };
        }

        /// <summary>One lookup: a payment that does not exist is a non-terminating error and the rest go on.</summary>
        private void LookUp(string id, Func<PaymentAnnotation> fetch)
        {
            try
            {
                PaymentAnnotation payment = fetch();
                ClientEvents.Drain(this);
                WriteObject(payment);
            }
            catch (PortOneException failure) when (failure.Kind == PortOneErrorKind.NotFound)
            {
                ClientEvents.Drain(this);
                WriteError(ToErrorRecord(failure, id));
            }
            catch (PortOneException failure)
            {
                ClientEvents.Drain(this);
                ThrowTerminatingError(ToErrorRecord(failure, id));
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                // Ctrl+C.
            }
        }
    }
}
