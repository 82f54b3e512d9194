using System;
using System.Management.Automation;
using PortOne.Connection;

namespace PortOne.Errors
{
    /// <summary>
    /// Every ErrorRecord the module writes is made here: the stable id of its PortOneErrorKind, an ErrorCategory, the
    /// message, and what to do next (<see cref="Advice"/>).
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// The ErrorRecord for a client failure: its stable id, a category, PortOne's own words and what to do, which
        /// follows where the connection came from (<paramref name="source"/>; null where no connection is involved).
        /// </summary>
        public static ErrorRecord From(PortOneException failure, object? target, ConnectionSource? source) =>
            new ErrorRecord(failure, failure.ErrorId, CategoryOf(failure.Kind), target)
            {
                ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = Advice.For(failure, source) },
            };

        /// <summary>
        /// The ErrorRecord for a condition a cmdlet finds itself, with the same id and category a client failure of
        /// that kind gets.
        /// </summary>
        public static ErrorRecord New(PortOneErrorKind kind, object? target, string message, string recommendedAction) =>
            new ErrorRecord(new PSInvalidOperationException(message), kind.ToErrorId(), CategoryOf(kind), target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };

        /// <summary>
        /// The ErrorRecord for an unforeseen failure of <paramref name="command"/>: PortOne.UnexpectedError, the
        /// original exception inside.
        /// </summary>
        public static ErrorRecord Unexpected(string command, Exception e, object? target) =>
            From(new PortOneException(PortOneErrorKind.UnexpectedError, $"{command} failed unexpectedly: {e.GetType().FullName}: {e.Message}", e),
                target, null);

        // No default arm: a kind added without a category fails the build (CS8509); CS8524 is about numbers outside the enum.
#pragma warning disable CS8524
        private static ErrorCategory CategoryOf(PortOneErrorKind kind) => kind switch
#pragma warning restore CS8524
        {
            PortOneErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
            PortOneErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            PortOneErrorKind.ApiError => ErrorCategory.InvalidOperation,
            PortOneErrorKind.InvalidResponse => ErrorCategory.InvalidData,
            PortOneErrorKind.RetriesExhausted => ErrorCategory.ConnectionError,
            PortOneErrorKind.PagingStalled => ErrorCategory.InvalidResult,
            PortOneErrorKind.InsecureBaseUri => ErrorCategory.SecurityError,
            PortOneErrorKind.NotConnected => ErrorCategory.AuthenticationError,
            PortOneErrorKind.MissingImpKey => ErrorCategory.InvalidArgument,
            PortOneErrorKind.InvalidDateRange => ErrorCategory.InvalidArgument,
            PortOneErrorKind.DataChanged => ErrorCategory.InvalidResult,
            PortOneErrorKind.Redirected => ErrorCategory.SecurityError,
            PortOneErrorKind.InvalidTier => ErrorCategory.InvalidArgument,
            PortOneErrorKind.Unreachable => ErrorCategory.ConnectionError,
            PortOneErrorKind.InvalidProxy => ErrorCategory.InvalidArgument,
            PortOneErrorKind.UnexpectedError => ErrorCategory.InvalidOperation,
            PortOneErrorKind.CheckpointInvalid => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointMismatch => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointLocked => ErrorCategory.ResourceBusy,
            PortOneErrorKind.CheckpointInFuture => ErrorCategory.InvalidData,
            PortOneErrorKind.CheckpointUnavailable => ErrorCategory.WriteError,
            PortOneErrorKind.CheckpointNotMoved => ErrorCategory.InvalidResult,
            PortOneErrorKind.InvalidCheckpointParameter => ErrorCategory.InvalidArgument,
            PortOneErrorKind.CheckpointMissing => ErrorCategory.ObjectNotFound,
            PortOneErrorKind.ExportFailed => ErrorCategory.WriteError,
        };
    }
}
