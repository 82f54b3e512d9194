using System;

namespace PortOne.Connection
{
    /// <summary>What Get-PortOneConnection shows: never the secret, never the token.</summary>
    public sealed class PortOneConnectionInfo
    {
        internal PortOneConnectionInfo(Uri apiBaseUri, string impKey, string? tier, DateTimeOffset? tokenExpiresAt, int maxRetries, int timeoutSec, string source)
        {
            ApiBaseUri = apiBaseUri;
            ImpKey = impKey;
            Tier = tier;
            TokenExpiresAt = tokenExpiresAt;
            MaxRetries = maxRetries;
            TimeoutSec = timeoutSec;
            Source = source;
        }

        public Uri ApiBaseUri { get; }
        /// <summary>The API key with all but its first four characters masked.</summary>
        public string ImpKey { get; }
        public string? Tier { get; }
        public DateTimeOffset? TokenExpiresAt { get; }
        public int MaxRetries { get; }
        public int TimeoutSec { get; }
        public string Source { get; }
    }
}
