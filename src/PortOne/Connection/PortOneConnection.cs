using System;

namespace PortOne.Connection
{
    /// <summary>A connected client and how it came to be; lives in one runspace.</summary>
    internal sealed class PortOneConnection
    {
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
