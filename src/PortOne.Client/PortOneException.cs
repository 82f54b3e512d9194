using System;

namespace PortOne
{

    /// <summary>
    /// A failure the user can act on. Messages carry the API's code and message, the request path and what to
    /// do next; never a secret or a token.
    /// </summary>
    public sealed class PortOneException : Exception
    {
        public PortOneException(PortOneErrorKind kind, string message, string recommendedAction, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            RecommendedAction = recommendedAction;
        }

        public PortOneErrorKind Kind { get; }

        /// <summary>Stable id for FullyQualifiedErrorId: scripts may match on it.</summary>
        public string ErrorId => Kind.ToErrorId();

        public string RecommendedAction { get; }

        /// <summary>The API's `code` where the API answered with one.</summary>
        public int? ApiCode { get; set; }

        /// <summary>The API's `message` where the API answered with one (often Korean).</summary>
        public string? ApiMessage { get; set; }

        public int? HttpStatus { get; set; }

        /// <summary>Path and query of the failed request (no secrets travel in either).</summary>
        public string? RequestPath { get; set; }
    }
}
