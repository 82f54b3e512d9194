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
    /// runspace's connection, and the client's events, written on the pipeline thread at one flush point.
    /// </summary>
    /// <remarks>
    /// The client raises events (requests, retries, pages, PortOne.DataChanged) on any thread; <see cref="ClientEvents"/>
    /// queues them, and only <see cref="WriteQueuedEvents"/> writes them. A cmdlet calls it before it writes anything of
    /// its own after client work (an object, a verbose line, an error), so everything comes out in the order it
    /// happened; <see cref="Await"/>, <see cref="Run"/> and QueuedEvents.CompleteProgress call it themselves.
    /// </remarks>
    public abstract class PortOneCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private QueuedEvents? _events;
        private PortOneConnection? _connection;

        protected CancellationToken CancelToken => _cancellation.Token;

        internal QueuedEvents ClientEvents => _events ??= new QueuedEvents(MyInvocation.MyCommand.Name);

        /// <summary>Where this command's connection came from, once it has one: errors say what to fix there.</summary>
        internal ConnectionSource? Origin { get; set; }

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>The flush point: writes the client events queued so far, in order. Call on the pipeline thread.</summary>
        protected void WriteQueuedEvents() => _events?.WriteTo(this);

        /// <summary>How often a wait for a client call writes what happened meanwhile (each try, each retry).</summary>
        private static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(100);

        /// <summary>Waits for a client call on the pipeline thread, writing its events as they happen rather than at its end.</summary>
        internal void Await(Task task)
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(EventPoll)) WriteQueuedEvents();
            WriteQueuedEvents();
            task.GetAwaiter().GetResult();
        }

        /// <summary>As <see cref="Await(Task)"/>, for a call with a result.</summary>
        internal T Await<T>(Task<T> task)
        {
            Await((Task)task);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Says in -Verbose when PortOne's clock and this machine's differ by more than the client can tell apart from noise.</summary>
        internal void DescribeClock(PortOneClient client)
        {
            TimeSpan? offset = client.ClockOffset;
            if (!offset.HasValue || offset.Value.Duration() <= PortOneClient.ClockSkewBound) return;
            TimeSpan skew = offset.Value.Duration();
            string amount = skew >= TimeSpan.FromHours(1) ? $"{(int)skew.TotalHours} h {skew.Minutes} min"
                : skew >= TimeSpan.FromMinutes(1) ? $"{skew.Minutes} min {skew.Seconds} s" : $"{skew.Seconds} s";
            string direction = offset.Value > TimeSpan.Zero ? "behind" : "ahead of";
            WriteVerbose($"This machine's clock is {amount} {direction} PortOne's (more than {PortOneClient.ClockSkewBound.TotalSeconds:0} s): " +
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
                return Hold(connection);
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
                ThrowTerminatingError(ErrorRecords.From(failure, variable, ConnectionSource.EnvironmentVariables));
            }
            if (client == null)
            {
                var notConnected = new PortOneException(PortOneErrorKind.NotConnected, "Not connected to PortOne.");
                ThrowTerminatingError(ErrorRecords.From(notConnected, null, null));
            }
            WriteVerbose($"Connecting from the environment variables {ConnectionStore.KeyVariable}/{ConnectionStore.SecretVariable}.");
            string? proxyOrigin = client!.ProxyChoice == ProxyChoice.Given ? ConnectionStore.ProxyVariable : null;
            connection = new PortOneConnection(client, "Environment", fingerprint, proxyOrigin);
            if (connection.DescribeProxy() is string proxyLine) WriteVerbose(proxyLine);
            // The token first, as Connect-PortOne does: a wrong secret or address fails here (with advice about the
            // variables), and PortOne's clock is known before anything fixes a range that ends now.
            Origin = connection.Origin;
            bool kept = false;
            try
            {
                Run(() => Await(client.ConnectAsync(ClientEvents, CancelToken)), client.Options.BaseUri);
                ConnectionStore.Set(connection);
                kept = true;
            }
            finally
            {
                if (!kept) client.Dispose();
            }
            DescribeClock(client);
            return Hold(connection);
        }

        /// <summary>
        /// Uses <paramref name="connection"/> until this command is disposed: a Disconnect-PortOne or Connect-PortOne further
        /// down the same pipeline drops it from the session, and its client is disposed once this command is done with it.
        /// </summary>
        private PortOneConnection Hold(PortOneConnection connection)
        {
            if (_connection == connection) return connection;
            connection.Use();
            _connection?.Release();
            _connection = connection;
            return connection;
        }

        /// <summary>The ErrorRecord for a client failure of this command, with advice for this command's connection.</summary>
        internal ErrorRecord ErrorFor(PortOneException failure, object? target) => ErrorRecords.From(failure, target, Origin);

        /// <summary>
        /// True for a failure nobody foresaw (a NullReferenceException, an unknown .NET exception), which must still
        /// leave as an ErrorRecord with a stable id. PowerShell's own exceptions are not: a stopped pipeline
        /// (Select-Object -First), -ErrorAction Stop, a later command's error, break and exit pass through untouched.
        /// Used in exception filters, so what it refuses is never caught at all.
        /// </summary>
        internal static bool IsUnexpected(Exception e) =>
            !(e is PortOneException) && e.GetType().Assembly != typeof(PSCmdlet).Assembly;

        /// <summary>The ErrorRecord for an unforeseen failure: PortOne.UnexpectedError, the original exception inside.</summary>
        internal ErrorRecord UnexpectedError(Exception e, object? target) => ErrorRecords.Unexpected(MyInvocation.MyCommand.Name, e, target);

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
            _connection?.Release();
            _connection = null;
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
