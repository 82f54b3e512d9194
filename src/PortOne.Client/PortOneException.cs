using System;

namespace PortOne
{

    /// <summary>
    /// A failure the user can act on. Messages carry the API's code and message, the request path and what to
    /// do next; never a secret or a token.
    /// </summary>
    public sealed class PortOneException : Exception
    {
        /// <summary>A failure of <paramref name="kind"/>, with what happened and what to do next.</summary>
        public PortOneException(PortOneErrorKind kind, string message, string recommendedAction, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Which condition this is.</summary>
        public PortOneErrorKind Kind { get; }

        /// <summary>Stable id for FullyQualifiedErrorId: scripts may match on it.</summary>
        public string ErrorId => Kind.ToErrorId();

        /// <summary>What the user can do next; the cmdlets put it in ErrorDetails.RecommendedAction.</summary>
        public string RecommendedAction { get; }

        /// <summary>The API's `code` where the API answered with one.</summary>
        public int? ApiCode { get; set; }

        /// <summary>The API's `message` where the API answered with one (often Korean).</summary>
        public string? ApiMessage { get; set; }

        /// <summary>The HTTP status of the failed request where there was an answer.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>Path and query of the failed request (no secrets travel in either).</summary>
        public string? RequestPath { get; set; }

        /// <summary>Where a read could not be proven complete: the start of the time range concerned (DataChanged).</summary>
        public DateTimeOffset? RangeFrom { get; set; }

        /// <summary>Where a read could not be proven complete: the end of the time range concerned (DataChanged).</summary>
        public DateTimeOffset? RangeTo { get; set; }

        /// <summary>For <see cref="PortOneErrorKind.Unreachable"/>: what failed.</summary>
        public PortOneConnectFailure? ConnectFailure { get; set; }

        /// <summary>For <see cref="PortOneErrorKind.Unreachable"/>: the host and port that could not be reached (the proxy's, where one is used and the failure was reaching it).</summary>
        public string? Address { get; set; }

        /// <summary>The proxy the request went through (without user info), or null when it went straight to the API.</summary>
        public Uri? Proxy { get; set; }
    }
}
