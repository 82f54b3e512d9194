using System;

namespace PortOne
{
    /// <summary>
    /// A failure, as facts: which condition (<see cref="Kind"/>), what happened (the message), and the details a host
    /// needs to say what to do next: the request, the API's answer, the range, the address, the file. Never a secret or
    /// a token, and never advice: what to do depends on the host (the cmdlets name their parameters and variables).
    /// </summary>
    public sealed class PortOneException : Exception
    {
        /// <summary>A failure of <paramref name="kind"/>, with what happened.</summary>
        public PortOneException(PortOneErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        /// <summary>Which condition this is.</summary>
        public PortOneErrorKind Kind { get; }

        /// <summary>Stable id for FullyQualifiedErrorId: scripts may match on it.</summary>
        public string ErrorId => Kind.ToErrorId();

        /// <summary>The API's `code` where the API answered with one.</summary>
        public int? ApiCode { get; set; }

        /// <summary>The API's `message` where the API answered with one (often Korean).</summary>
        public string? ApiMessage { get; set; }

        /// <summary>The HTTP status of the failed request where there was an answer.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>Path and query of the failed request (no secrets travel in either).</summary>
        public string? RequestPath { get; set; }

        /// <summary>For <see cref="PortOneErrorKind.InvalidResponse"/>: the answer's media type, where it was not JSON.</summary>
        public string? MediaType { get; set; }

        /// <summary>Where a read could not be proven complete: the start of the time range concerned (DataChanged).</summary>
        public DateTimeOffset? RangeFrom { get; set; }

        /// <summary>Where a read could not be proven complete: the end of the time range concerned (DataChanged).</summary>
        public DateTimeOffset? RangeTo { get; set; }

        /// <summary>For <see cref="PortOneErrorKind.Unreachable"/>: what failed.</summary>
        public PortOneConnectFailure? ConnectFailure { get; set; }

        /// <summary>
        /// For <see cref="PortOneErrorKind.Unreachable"/>: the host and port that could not be reached (the proxy's,
        /// where one is used and the failure was reaching it).
        /// </summary>
        public string? Address { get; set; }

        /// <summary>The proxy the request went through (without user info), or null when it went straight to the API.</summary>
        public Uri? Proxy { get; set; }

        /// <summary>The checkpoint file concerned (the Checkpoint kinds), as a full path.</summary>
        public string? CheckpointPath { get; set; }

        /// <summary>
        /// The export file concerned: for <see cref="PortOneErrorKind.ExportFailed"/> the file that could not be written, for
        /// <see cref="PortOneErrorKind.CheckpointMissing"/> a run's file left by a checkpoint that is gone.
        /// </summary>
        public string? FilePath { get; set; }
    }
}
