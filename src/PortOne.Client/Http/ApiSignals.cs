using System;

namespace PortOne.Http
{
    /// <summary>Signals between one try of a request and the retry loop (<see cref="ApiTransport"/>); never leave the transport.</summary>
    internal abstract class ApiSignal : Exception
    {
        protected ApiSignal(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>The answer was 401: the token was refused.</summary>
    internal sealed class TokenRefusedException : ApiSignal
    {
        public TokenRefusedException() : base("401") { }
    }

    /// <summary>A try that failed in a way worth trying again: no answer, a timeout, 408, 429, 5xx.</summary>
    internal sealed class TransientFailure : ApiSignal
    {
        public TransientFailure(string reason, int status, TimeSpan? retryAfter, Exception? inner = null) : base(reason, inner)
        {
            Reason = reason;
            Status = status;
            RetryAfter = retryAfter;
        }

        /// <summary>What failed, for the retry event and the final error: "HTTP 503 Service Unavailable", "no answer within 100 s".</summary>
        public string Reason { get; }

        /// <summary>The HTTP status, 0 where no answer came.</summary>
        public int Status { get; }

        /// <summary>The server's Retry-After, where it sent one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>Set when no connection could be made and the API has never answered: one quick retry, then Unreachable.</summary>
        public PortOneConnectFailure? Unreachable { get; set; }

        /// <summary>The proxy's answer to CONNECT, where a proxy refused the tunnel.</summary>
        public int? ProxyStatus { get; set; }
    }
}
