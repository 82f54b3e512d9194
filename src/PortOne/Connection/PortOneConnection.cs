using System;

namespace PortOne.Connection
{
    /// <summary>
    /// A connected client and how it came to be; lives in one runspace. Once dropped from the runspace (Disconnect-PortOne,
    /// another Connect-PortOne, changed PORTONE_* variables) its client is disposed, as soon as no command still uses it.
    /// </summary>
    internal sealed class PortOneConnection
    {
        private readonly object _gate = new object();
        private int _users;
        private bool _retired;

        public PortOneConnection(PortOneClient client, string source, string? environmentFingerprint = null, string? proxyOrigin = null)
        {
            Client = client;
            Source = source;
            EnvironmentFingerprint = environmentFingerprint;
            ProxyOrigin = proxyOrigin;
        }

        /// <summary>Where the given proxy came from: "Connect-PortOne -Proxy" or "PORTONE_PROXY"; null when none was given.</summary>
        public string? ProxyOrigin { get; }

        /// <summary>Where the proxy in use comes from, in words.</summary>
        public string ProxySource => Client.ProxyChoice switch
        {
            ProxyChoice.LoopbackDirect => "None: plain http to this machine never goes through a proxy",
            ProxyChoice.Given => ProxyOrigin ?? "Given",
            _ => Client.ProxyInUse != null ? "Platform default" : "None",
        };

        /// <summary>One line for -Verbose: the proxy requests take, and as whom; null when none was given and none is used.</summary>
        public string? DescribeProxy()
        {
            Uri? proxy = Client.ProxyInUse;
            if (Client.ProxyChoice == ProxyChoice.LoopbackDirect)
            {
                return ProxyOrigin != null
                    ? $"Plain http to this machine never goes through a proxy: the proxy from {ProxyOrigin} is not used for {Client.Options.BaseUri}."
                    : null;
            }
            if (proxy == null) return null;
            string user = Client.ProxyUser is string name ? $", as {name}" : "";
            return $"Requests go through the proxy {proxy} ({ProxySource}{user}).";
        }

        public PortOneClient Client { get; }

        /// <summary>A command starts using the client: it stays undisposed until the command calls <see cref="Release"/>.</summary>
        public void Use()
        {
            lock (_gate) _users++;
        }

        /// <summary>A command is done with the client; the last one disposes it if the connection was dropped meanwhile.</summary>
        public void Release()
        {
            lock (_gate)
            {
                _users--;
                if (_retired && _users == 0) Client.Dispose();
            }
        }

        /// <summary>Dropped from its runspace: the client is disposed now, or when the last command using it is done.</summary>
        public void Retire()
        {
            lock (_gate)
            {
                _retired = true;
                if (_users == 0) Client.Dispose();
            }
        }

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
            Source,
            Client.ProxyInUse,
            Client.ProxyUser,
            ProxySource,
            Client.ClockOffset);
    }
}
