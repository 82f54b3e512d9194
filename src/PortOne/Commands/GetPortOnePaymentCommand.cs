using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using PortOne.Arguments;
using PortOne.Connection;
using PortOne.Errors;

namespace PortOne.Commands
{
    /// <summary>
    /// Get-PortOnePayment: payments of a status and time range, streamed page by page as they arrive; or single
    /// payments by imp_uid or merchant_uid (from the pipeline too); or, with -Checkpoint, what changed since the last run.
    /// </summary>
    /// <remarks>
    /// Three parameter sets, shown in this order by Get-Help: the everyday read (ByStatus), the lookups (ByUid), the
    /// resumable export (Checkpoint). Parameters that do not fit a set but that users will try there (-To with
    /// -Checkpoint, -SettleLag without it) are in it with DontShow: the command then explains the mistake itself
    /// (PortOne.InvalidCheckpointParameter) instead of PowerShell's "parameter set cannot be resolved".
    /// </remarks>
    [Cmdlet(VerbsCommon.Get, "PortOnePayment", DefaultParameterSetName = StatusSet, SupportsPaging = true)]
    [OutputType(typeof(PaymentAnnotation))]
    public sealed partial class GetPortOnePaymentCommand : PortOneCmdlet
    {
        private const string StatusSet = "ByStatus";
        private const string LookupSet = "ByUid";
        private const string CheckpointSet = "Checkpoint";

        [Parameter(Position = 0, ParameterSetName = StatusSet)]
        [Parameter(Position = 0, ParameterSetName = CheckpointSet)]
        [PaymentStatusTransformation]
        public PaymentStatus Status { get; set; } = PaymentStatus.All;

        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet)]
        public DateTime? From { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet, DontShow = true)]
        public DateTime? To { get; set; }

        /// <summary>An exclusive end (-To's alternative): midnight of the next day reads a whole calendar day.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet, DontShow = true)]
        public DateTime? Before { get; set; }

        /// <summary>Null: the status's own default order (PaymentSortNames.DefaultFor).</summary>
        /// <remarks>
        /// The transformation reads both spellings and refuses anything else. The set is what tab completion
        /// offers: for an enum parameter PowerShell completes only from a [ValidateSet] (or else the enum's names)
        /// and never asks an [ArgumentCompleter]. Every value the transformation returns is in the set.
        /// </remarks>
        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet)]
        [PaymentSortTransformation]
        [ValidateSet("StartedDescending", "StartedAscending", "PaidDescending", "PaidAscending", "UpdatedDescending", "UpdatedAscending",
            "-started", "started", "-paid", "paid", "-updated", "updated", IgnoreCase = true)]
        public PaymentSort? Sort { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = PaymentQuery.DefaultPageSize;

        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = CheckpointSet)]
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
            PortOneClient client = connection.Client;
            if (ParameterSetName == LookupSet)
            {
                if (ImpUid != null && ImpUid.Length > 0)
                {
                    foreach (string id in ImpUid) LookUp("imp_uid", id, () => client.GetPaymentAsync(id, ClientEvents, CancelToken));
                }
                else
                {
                    foreach (string id in MerchantUid ?? Array.Empty<string>())
                    {
                        LookUp("merchant_uid", id, () => client.FindByMerchantUidAsync(id, ClientEvents, CancelToken));
                    }
                }
            }
            else if (Checkpoint != null)
            {
                RefuseParametersACheckpointCannotUse();
                ReadWithCheckpoint(client);
            }
            else
            {
                CheckpointParameters.RefuseWithoutCheckpoint(this);
                ReadByStatus(client);
            }
        }

        private void ReadByStatus(PortOneClient client)
        {
            PaymentQuery query = BuildQuery(client);
            Run(() =>
            {
                PaymentStream stream = client.OpenPayments(query, ClientEvents, CancelToken);
                if (PagingParameters.IncludeTotalCount)
                {
                    long total = stream.CountTotal();
                    WriteQueuedEvents();
                    WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
                }
                var watch = Stopwatch.StartNew();
                long written = 0;
                foreach (PaymentAnnotation payment in stream.Read())
                {
                    WriteQueuedEvents();
                    WriteObject(payment);
                    written++;
                }
                ClientEvents.CompleteProgress(this);
                WriteVerbose(ClientEvents.Summary(written, watch.Elapsed));
            }, Status);
        }

        private PaymentQuery BuildQuery(PortOneClient client)
        {
            // PortOne's now, not this machine's: a range that ends now ends at PortOne's now.
            DateTimeOffset now = client.PortOneNow();
            (DateTimeOffset? from, DateTimeOffset? to) = QueryRange.Resolve(this, From, To, Before, now);
            return new PaymentQuery
            {
                Status = Status,
                From = from,
                To = to ?? now,
                Sort = Sort,
                PageSize = PageSize,
                Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                First = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
                MaxPagesInFlight = ThrottleLimit,
            };
        }

        /// <summary>
        /// One lookup by <paramref name="idName"/> (imp_uid or merchant_uid): a payment that does not exist is a
        /// non-terminating error and the rest go on.
        /// </summary>
        private void LookUp(string idName, string id, Func<Task<PaymentAnnotation>> fetch)
        {
            PaymentAnnotation payment;
            try
            {
                // Await writes the lookup's events (its request, any retries) as they happen, and all of them before it returns.
                payment = Await(fetch());
            }
            catch (PortOneException failure) when (failure.Kind == PortOneErrorKind.NotFound)
            {
                WriteError(MissingPayment(idName, id, failure));
                return;
            }
            catch (PortOneException failure)
            {
                ThrowTerminatingError(ErrorFor(failure, id));
                return;
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                return; // Ctrl+C.
            }
            catch (Exception unexpected) when (IsUnexpected(unexpected))
            {
                ThrowTerminatingError(UnexpectedError(unexpected, id));
                return;
            }
            WriteObject(payment);
        }

        /// <summary>
        /// PortOne.NotFound in one line that names the payment, not the request; the API's answer (path, code, its own
        /// message) stays on the inner exception, its facts on this one.
        /// </summary>
        private ErrorRecord MissingPayment(string idName, string id, PortOneException notFound)
        {
            var failure = new PortOneException(PortOneErrorKind.NotFound, $"No payment has {idName} {id}.", notFound)
            {
                ApiCode = notFound.ApiCode,
                ApiMessage = notFound.ApiMessage,
                HttpStatus = notFound.HttpStatus,
                RequestPath = notFound.RequestPath,
            };
            ErrorRecord record = ErrorFor(failure, id);
            record.ErrorDetails.RecommendedAction = Advice.ForMissingPayment(idName, Origin);
            return record;
        }
    }
}
