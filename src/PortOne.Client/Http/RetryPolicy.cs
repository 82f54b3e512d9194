using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace PortOne.Http
{
    /// <summary>
    /// Which failures are worth another try and how long to wait: exponential backoff with jitter
    /// (half fixed, half random, so that parallel clients spread out), or the server's Retry-After, capped.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly object _randomLock = new object();

        public RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan maxRetryAfter, int? seed = null)
        {
            MaxRetries = maxRetries;
            BaseDelay = baseDelay;
            MaxDelay = maxDelay;
            MaxRetryAfter = maxRetryAfter;
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        public int MaxRetries { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        public TimeSpan MaxRetryAfter { get; }

        public static bool IsTransientStatus(int status) =>
            status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>The wait before retry number <paramref name="attempt"/> (1-based).</summary>
        public TimeSpan DelayBefore(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
            {
                TimeSpan asked = retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
                return asked > MaxRetryAfter ? MaxRetryAfter : asked;
            }
            double exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
            double capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
            double jitter;
            lock (_randomLock) jitter = _random.NextDouble();
            return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * jitter);
        }

        /// <summary>
        /// Retry-After as seconds or as an HTTP date; null where the answer has none. A date is PortOne's time, so it is
        /// counted from <paramref name="now"/>, which is PortOne's too: the answer's own Date, never this machine's clock.
        /// </summary>
        public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            RetryConditionHeaderValue? header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue) return header.Date.Value - now;
            return null;
        }
    }
}
