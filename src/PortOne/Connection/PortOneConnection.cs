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

        /// <summary>Where the key and secret came from: errors say what to fix there.</summary>
        public ConnectionSource Origin => EnvironmentFingerprint != null ? ConnectionSource.EnvironmentVariables : ConnectionSource.ConnectCommand;

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
}
