using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Connection;
using PortOne.Errors;
using PortOne.Events;

namespace PortOne.Commands
{
    /// <summary>
    /// What every PortOne cmdlet shares: a CancellationTokenSource cancelled by Ctrl+C (StopProcessing), the
    /// runspace's connection, client events written on the pipeline thread, and ErrorRecords with stable ids.
    /// </summary>
    public abstract class PortOneCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private QueuedEvents? _events;

        protected CancellationToken CancelToken => _cancellation.Token;

        internal QueuedEvents ClientEvents => _events ??= new QueuedEvents(MyInvocation.MyCommand.Name);

        /// <summary>Where this command's connection came from, once it has one (null in Connect-PortOne, whose failures the client's advice fits): errors say what to fix there.</summary>
        internal ConnectionSource? Origin { get; private set; }

        protected override void StopProcessing() => _cancellation.Cancel();

        // Every write of a PortOne cmdlet first writes the client events queued before it (the one place they are
        // drained), so verbose lines, warnings and progress come out on the pipeline thread, in the order they happened.

        /// <summary>Writes the queued client events, then the object.</summary>
        public new void WriteObject(object? sendToPipeline)
        {
            DrainEvents();
            base.WriteObject(sendToPipeline);
        }

        /// <summary>Writes the queued client events, then the error.</summary>
        public new void WriteError(ErrorRecord errorRecord)
        {
            DrainEvents();
            base.WriteError(errorRecord);
        }

        /// <summary>Writes the queued client events, then the text.</summary>
        public new void WriteVerbose(string text)
        {
            DrainEvents();
            base.WriteVerbose(text);
        }

        /// <summary>Writes the queued client events, then stops the command with the error.</summary>
        public new void ThrowTerminatingError(ErrorRecord errorRecord)
        {
            DrainEvents();
            base.ThrowTerminatingError(errorRecord);
        }

        private void DrainEvents() => _events?.Drain(this);

        /// <summary>How often a wait for a client call writes what happened meanwhile (each try, each retry).</summary>
        private static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(100);

        /// <summary>Waits for a client call on the pipeline thread, writing its events as they happen rather than at its end.</summary>
        internal void Await(Task task)
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(EventPoll)) DrainEvents();
            DrainEvents();
            task.GetAwaiter().GetResult();
        }

        /// <summary>Says in -Verbose when PortOne's clock and this machine's differ by more than the client can tell apart from noise.</summary>
        internal void DescribeClock(PortOneClient client)
        {
            TimeSpan? offset = client.ClockOffset;
            if (!offset.HasValue || offset.Value.Duration() <= PortOneClient.ClockSkewBound) return;
            TimeSpan skew = offset.Value.Duration();
            string amount = skew >= TimeSpan.FromHours(1) ? $"{(int)skew.TotalHours} h {skew.Minutes} min"
                : skew >= TimeSpan.FromMinutes(1) ? $"{skew.Minutes} min {skew.Seconds} s" : $"{skew.Seconds} s";
            WriteVerbose($"This machine's clock is {amount} {(offset.Value > TimeSpan.Zero ? "behind" : "ahead of")} PortOne's (more than {PortOneClient.ClockSkewBound.TotalSeconds:0} s): " +
                "a range that ends now, a checkpoint's end and the check that -From is not in the future go by PortOne's clock.");
        }

        /// <summary>
        /// This runspace's connection, or one made from PORTONE_* environment variables. A connection made from them
        /// follows them: when any has changed (a loop over PORTONE_TIER, a rotated secret), it is made again.
        /// </summary>
        internal PortOneConnection RequireConnection()
        {
            PortOneConnection? connection = ConnectionStore.Current;
            if (connection != null && !connection.IsStale)
            {
                Origin = connection.Origin;
                DescribeClock(connection.Client);
                return connection;
            }
            if (connection != null)
            {
                ConnectionStore.Remove();
                WriteVerbose("The PORTONE_* environment variables changed since this session connected from them.");
            }
            PortOneClient? client = null;
            string fingerprint = "";
            try
            {
                PortOneClientOptions? options = ConnectionStore.OptionsFromEnvironment(out fingerprint);
                if (options != null) client = new PortOneClient(options);
            }
            catch (PortOneException failure)
            {
                string variable = failure.Kind switch
                {
                    PortOneErrorKind.InvalidTier => ConnectionStore.TierVariable,
                    PortOneErrorKind.InvalidProxy => ConnectionStore.ProxyVariable,
                    _ => ConnectionStore.BaseUriVariable,
                };
                ThrowTerminatingError(ToErrorRecord(failure, variable, ConnectionSource.EnvironmentVariables));
            }
            if (client == null)
            {
                ThrowTerminatingError(NewError(PortOneErrorKind.NotConnected, null,
                    "Not connected to PortOne.",
                    $"Run Connect-PortOne -Credential (Get-Credential) first, or for unattended jobs set the environment variables {ConnectionStore.KeyVariable} and {ConnectionStore.SecretVariable}."));
            }
            WriteVerbose($"Connecting from the environment variables {ConnectionStore.KeyVariable}/{ConnectionStore.SecretVariable}.");
            connection = new PortOneConnection(client!, "Environment", fingerprint, client!.ProxyChoice == ProxyChoice.Given ? ConnectionStore.ProxyVariable : null);
            if (connection.DescribeProxy() is string proxyLine) WriteVerbose(proxyLine);
            // The token first, as Connect-PortOne does: a wrong secret or address fails here (with advice about the
            // variables), and PortOne's clock is known before anything fixes a range that ends now.
            Origin = connection.Origin;
            Run(() => Await(client.ConnectAsync(ClientEvents, CancelToken)), client.Options.BaseUri);
            ConnectionStore.Set(connection);
            DescribeClock(client);
            return connection;
        }

        /// <summary>
        /// The ErrorRecord for a client failure: its stable id, a category, PortOne's own words and what to do, which
        /// follows where the connection came from (<paramref name="source"/>; null where no connection is involved).
        /// </summary>
        internal static ErrorRecord ToErrorRecord(PortOneException failure, object? target, ConnectionSource? source = null) =>
            new ErrorRecord(failure, failure.ErrorId, CategoryOf(failure.Kind), target)
            {
                ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = UnreachableAdvice.For(failure) ?? Advice.For(failure, source) },
            };

        /// <summary>The ErrorRecord for a client failure of this command, with advice for this command's connection.</summary>
        internal ErrorRecord ErrorFor(PortOneException failure, object? target) => ToErrorRecord(failure, target, Origin);

        /// <summary>The ErrorRecord for a condition the cmdlet finds itself, with the same id and category a client failure of that kind gets.</summary>
        internal static ErrorRecord NewError(PortOneErrorKind kind, object? target, string message, string recommendedAction) =>
            new ErrorRecord(new PSInvalidOperationException(message), kind.ToErrorId(), CategoryOf(kind), target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };

        /// <summary>
        /// True for a failure nobody foresaw (a NullReferenceException, an unknown .NET exception), which must still
        /// leave as an ErrorRecord with a stable id. PowerShell's own exceptions are not: a stopped pipeline
        /// (Select-Object -First), -ErrorAction Stop, a later command's error, break and exit pass through untouched.
        /// Used in exception filters, so what it refuses is never caught at all.
        /// </summary>
        internal static bool IsUnexpected(Exception e) =>
            !(e is PortOneException) && e.GetType().Assembly != typeof(PSCmdlet).Assembly;

        /// <summary>The ErrorRecord for an unforeseen failure: PortOne.UnexpectedError, the original exception inside.</summary>
        internal ErrorRecord UnexpectedError(Exception e, object? target) =>
            ToErrorRecord(new PortOneException(PortOneErrorKind.UnexpectedError,
                $"{MyInvocation.MyCommand.Name} failed unexpectedly: {e.GetType().FullName}: {e.Message}",
                "Run the command again. If it fails the same way, report it to the PortOne module's authors with the command and this error's Exception.InnerException.",
                e), target);

        /// <summary>
        /// A path as the file system sees it: relative to the current PowerShell location (not the process's folder),
        /// PSDrives resolved, the file itself not required to exist. Null where the path is not a file system path.
        /// </summary>
        internal string? FileSystemPath(string path)
        {
            try
            {
                string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                return provider.Name == "FileSystem" ? resolved : null;
            }
            catch (Exception e) when (e is SessionStateException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>How messages print a time: in its own offset, which says what zone it is in (the "u" format says Z whatever the zone).</summary>
        internal static string ShowTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

        private static ErrorCategory CategoryOf(PortOneErrorKind kind) => kind switch
        {
            PortOneErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
            PortOneErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            PortOneErrorKind.InvalidResponse => ErrorCategory.InvalidData,
            PortOneErrorKind.RetriesExhausted => ErrorCategory.ConnectionError,
            PortOneErrorKind.PagingStalled => ErrorCategory.InvalidResult,
            PortOneErrorKind.DataChanged => ErrorCategory.InvalidResult,
            PortOneErrorKind.InsecureBaseUri => ErrorCategory.SecurityError,
            PortOneErrorKind.NotConnected => ErrorCategory.AuthenticationError,
            PortOneErrorKind.MissingImpKey => ErrorCategory.InvalidArgument,
            PortOneErrorKind.InvalidDateRange => ErrorCategory.InvalidArgument,
            PortOneErrorKind.Redirected => ErrorCategory.SecurityError,
            PortOneErrorKind.InvalidTier => ErrorCategory.InvalidArgument,
            PortOneErrorKind.Unreachable => ErrorCategory.ConnectionError,
            PortOneErrorKind.InvalidProxy => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointInvalid => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointMismatch => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointLocked => ErrorCategory.ResourceBusy,
            PortOneErrorKind.CheckpointInFuture => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointUnavailable => ErrorCategory.WriteError,
            PortOneErrorKind.CheckpointNotMoved => ErrorCategory.InvalidResult,
            PortOneErrorKind.InvalidCheckpointParameter => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointMissing => ErrorCategory.ObjectNotFound,
            PortOneErrorKind.ExportFailed => ErrorCategory.WriteError,
            _ => ErrorCategory.InvalidOperation,
        };

        /// <summary>Runs a client call on the pipeline thread; Ctrl+C ends it, failures become terminating errors.</summary>
        protected void Run(Action work, object? target)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell is already stopping the pipeline.
            }
            catch (PortOneException failure)
            {
                ClientEvents.CompleteProgress(this);
                ThrowTerminatingError(ErrorFor(failure, target));
            }
            catch (Exception unexpected) when (IsUnexpected(unexpected))
            {
                ClientEvents.CompleteProgress(this);
                ThrowTerminatingError(UnexpectedError(unexpected, target));
            }
        }

        /// <summary>Releases what a cmdlet holds for its whole run (PowerShell disposes cmdlets however the pipeline ended).</summary>
        protected virtual void ReleaseResources()
        {
        }

        public void Dispose()
        {
            ReleaseResources();
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
