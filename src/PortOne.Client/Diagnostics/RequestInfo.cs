using System;

namespace PortOne.Diagnostics
{
    /// <summary>One finished request or failed try (for a log); it holds no secret and no token.</summary>
    public sealed class RequestInfo
    {
        /// <summary>A finished request as described by its parts.</summary>
        public RequestInfo(string method, string pathAndQuery, int statusCode, TimeSpan elapsed, int? items)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            StatusCode = statusCode;
            Elapsed = elapsed;
            Items = items;
        }

        /// <summary>The HTTP method, GET or POST.</summary>
        public string Method { get; }
        /// <summary>Path and query, relative to the base URI.</summary>
        public string PathAndQuery { get; }
        /// <summary>0 when no answer came (connection error or timeout).</summary>
        public int StatusCode { get; }
        /// <summary>From sending to the answer read, or to the failure.</summary>
        public TimeSpan Elapsed { get; }
        /// <summary>Payments on the page, for a page of payments read; null for other requests and for failed tries.</summary>
        public int? Items { get; }

        /// <summary>For a failed try, why it failed, such as "the connection failed: Connection refused (127.0.0.1:1)"; null otherwise.</summary>
        public string? Failure { get; set; }
    }
}
