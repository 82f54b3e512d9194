using System;

namespace PortOne.Connection
{
    /// <summary>A connected client and how it came to be; lives in one runspace.</summary>
    internal sealed class PortOneConnection
    {
        public PortOneConnection(PortOneClient client, string source, string? environmentFingerprint = null)
        {
            Client = client;
            Source = source;
            EnvironmentFingerprint = environmentFingerprint;
        }

        public PortOneClient Client { get; }

        /// <summary>"Connect-PortOne" or "Environment".</summary>
        public string Source { get; }

        /// <summary>For a connection made from PORTONE_* variables, their fingerprint then; null for Connect-PortOne.</summary>
        public string? EnvironmentFingerprint { get; }

        /// <summary>Made from PORTONE_* variables that have changed since: the next command connects again from them.</summary>
        public bool IsStale => EnvironmentFingerprint != null && EnvironmentFingerprint != ConnectionStore.EnvironmentFingerprint();

        public PortOneConnectionInfo ToInfo() => new PortOneConnectionInfo(
            Client.Options.BaseUri,
            Client.Options.MaskedImpKey,
            Client.Options.Tier,
            Client.TokenExpiresAt,
            Client.Options.MaxRetries,
            (int)Client.Options.RequestTimeout.TotalSeconds,
            Source);
    }

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
