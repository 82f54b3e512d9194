using System;

namespace PortOne.Diagnostics
{
    public sealed class RetryInfo
    {
        public RetryInfo(string pathAndQuery, int attempt, int maxRetries, TimeSpan delay, string reason)
        {
            PathAndQuery = pathAndQuery;
            Attempt = attempt;
            MaxRetries = maxRetries;
            Delay = delay;
            Reason = reason;
        }

        public string PathAndQuery { get; }
        /// <summary>1 for the first retry.</summary>
        public int Attempt { get; }
        public int MaxRetries { get; }
        public TimeSpan Delay { get; }
        public string Reason { get; }
    }
}
