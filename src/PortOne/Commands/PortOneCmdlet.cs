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
                ThrowTerminatingError(NewError("PortOne.NotConnected", ErrorCategory.AuthenticationError, null,
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

        internal static ErrorRecord NewError(string errorId, ErrorCategory category, object? target, string message, string recommendedAction) =>
            new ErrorRecord(new PSInvalidOperationException(message), errorId, category, target)
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
            PortOneErrorKind.InsecureBaseUri => ErrorCategory.SecurityError,
            PortOneErrorKind.CheckpointInvalid => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointMismatch => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointLocked => ErrorCategory.ResourceBusy,
            PortOneErrorKind.CheckpointInFuture => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointUnavailable => ErrorCategory.WriteError,
            PortOneErrorKind.CheckpointNotMoved => ErrorCategory.InvalidResult,
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
