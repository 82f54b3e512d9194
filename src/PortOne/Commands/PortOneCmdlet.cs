using System;
using System.Management.Automation;
using System.Threading;
using PortOne.Connection;
using PortOne.Host;

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

        /// <summary>This runspace's connection, or one made from PORTONE_* environment variables.</summary>
        internal PortOneConnection RequireConnection()
        {
            PortOneConnection? connection = ConnectionStore.Current;
            if (connection != null) return connection;
            PortOneClientOptions? options = null;
            try
            {
                options = ConnectionStore.OptionsFromEnvironment();
                if (options != null) PortOneClientOptions.EnsureSecureBaseUri(options.BaseUri);
            }
            catch (PortOneException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, ConnectionStore.BaseUriVariable));
            }
            if (options == null)
            {
                ThrowTerminatingError(NewError(PortOneErrorKind.NotConnected, null,
                    "Not connected to PortOne.",
                    $"Run Connect-PortOne -Credential (Get-Credential) first, or for unattended jobs set the environment variables {ConnectionStore.KeyVariable} and {ConnectionStore.SecretVariable}."));
            }
            WriteVerbose($"Connecting from the environment variables {ConnectionStore.KeyVariable}/{ConnectionStore.SecretVariable}.");
            connection = new PortOneConnection(new PortOneClient(options!), "Environment");
            ConnectionStore.Set(connection);
            return connection;
        }

        /// <summary>The ErrorRecord for a client failure: its stable id, a category, PortOne's own words and what to do.</summary>
        internal static ErrorRecord ToErrorRecord(PortOneException failure, object? target)
        {
            var record = new ErrorRecord(failure, failure.ErrorId, CategoryOf(failure.Kind), target)
            {
                ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = failure.RecommendedAction },
            };
            return record;
        }

        /// <summary>The ErrorRecord for a condition the cmdlet finds itself, with the same id and category a client failure of that kind gets.</summary>
        internal static ErrorRecord NewError(PortOneErrorKind kind, object? target, string message, string recommendedAction) =>
            new ErrorRecord(new PSInvalidOperationException(message), kind.ToErrorId(), CategoryOf(kind), target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };

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
                ThrowTerminatingError(ToErrorRecord(failure, target));
            }
        }

        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
