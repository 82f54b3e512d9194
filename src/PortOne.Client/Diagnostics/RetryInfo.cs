using System;

namespace PortOne.Diagnostics
{
    /// <summary>A retry about to wait (for a log).</summary>
    public sealed class RetryInfo
    {
        /// <summary>A retry as described by its parts.</summary>
        public RetryInfo(string pathAndQuery, int attempt, int maxRetries, TimeSpan delay, string reason)
        {
            PathAndQuery = pathAndQuery;
            Attempt = attempt;
            MaxRetries = maxRetries;
            Delay = delay;
            Reason = reason;
        }

        /// <summary>Path and query of the request tried again, relative to the base URI.</summary>
        public string PathAndQuery { get; }
        /// <summary>1 for the first retry.</summary>
        public int Attempt { get; }
        /// <summary>The most retries allowed (<see cref="PortOneClientOptions.MaxRetries"/>).</summary>
        public int MaxRetries { get; }
        /// <summary>The wait before the retry.</summary>
        public TimeSpan Delay { get; }
        /// <summary>What failed, such as "HTTP 503 Service Unavailable" or "no answer within 100 s".</summary>
        public string Reason { get; }
    }
}
