using System;

namespace PortOne.Connection
{
    /// <summary>What Get-PortOneConnection shows: never the secret, never the token.</summary>
    public sealed class PortOneConnectionInfo
    {
        internal PortOneConnectionInfo(
            Uri apiBaseUri, string impKey, string? tier, DateTimeOffset? tokenExpiresAt, int maxRetries, int timeoutSec, string source,
            Uri? proxy, string? proxyUser, string proxySource, TimeSpan? clockOffset)
        {
            Proxy = proxy;
            ProxyUser = proxyUser;
            ProxySource = proxySource;
            ClockOffset = clockOffset;
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
        /// <summary>The proxy requests go through, without user info or password; null when they go straight to the API.</summary>
        public Uri? Proxy { get; }
        /// <summary>Who the proxy is told this is: a user name, "DefaultCredentials", or null. Never the password.</summary>
        public string? ProxyUser { get; }
        /// <summary>Where the proxy choice comes from: -Proxy, PORTONE_PROXY, the platform's default, or none.</summary>
        public string ProxySource { get; }
        /// <summary>PortOne's clock minus this machine's (positive: PortOne is ahead), as learned from its answers; null before any.</summary>
        public TimeSpan? ClockOffset { get; }
    }
}
