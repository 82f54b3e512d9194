using PortOne.Connection;

namespace PortOne.Errors
{
    /// <summary>
    /// What to check when PortOne could not be reached (PortOne.Unreachable), in the module's terms: the client's
    /// error says what failed and where (ConnectFailure, Address, Proxy); this names the parameters and variables that
    /// set those places.
    /// </summary>
    internal static class UnreachableAdvice
    {
        private const string Address = "the API address (Connect-PortOne -ApiBaseUri, or " + ConnectionStore.BaseUriVariable +
            " for a connection made from the environment)";
        private const string Proxy = "the proxy (Connect-PortOne -Proxy, or " + ConnectionStore.ProxyVariable +
            "; without either, the platform's own: HTTPS_PROXY and NO_PROXY on Linux and macOS, the system setting on Windows)";

        /// <summary>The recommended action for an Unreachable error.</summary>
        public static string For(PortOneException failure)
        {
            bool viaProxy = failure.Proxy != null;
            switch (failure.ConnectFailure)
            {
                case PortOneConnectFailure.Refused:
                    return viaProxy
                        ? $"Check {Proxy}: its host and port ({failure.Address}), and that it is running."
                        : $"Check {Address}: its host and port ({failure.Address}), and that the server there is running. " +
                          "Retrying will not help while nothing listens there.";
                case PortOneConnectFailure.NameNotResolved:
                    return viaProxy
                        ? $"Check {Proxy} for a typo, and this machine's DNS."
                        : $"Check {Address} for a typo, and this machine's DNS. " +
                          $"If this network reaches the internet only through a proxy, set {Proxy}.";
                case PortOneConnectFailure.TlsFailed:
                    return $"Check {Address}: a certificate made out to another name fails. If a proxy inspects TLS, this machine " +
                           $"must trust its root certificate; {Proxy} chooses the proxy. This module never turns certificate checks off.";
                case PortOneConnectFailure.ProxyRefused when failure.HttpStatus == 407:
                    return "The proxy wants credentials: Connect-PortOne -ProxyCredential (Get-Credential), or " +
                           "-ProxyUseDefaultCredentials for this account's own; " +
                           $"{ConnectionStore.ProxyVariable} may carry them as http://user:password@host:port.";
                default:
                    return $"Check that the proxy lets this machine reach the API, or choose another: {Proxy}.";
            }
        }
    }
}
