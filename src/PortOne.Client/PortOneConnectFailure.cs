namespace PortOne
{
    /// <summary>Why no connection to the API could be made (<see cref="PortOneErrorKind.Unreachable"/>).</summary>
    public enum PortOneConnectFailure
    {
        /// <summary>The address refused the connection: nothing listens on that port (or a firewall said no).</summary>
        Refused,
        /// <summary>The host name does not resolve (DNS).</summary>
        NameNotResolved,
        /// <summary>The secure (TLS) connection failed: the certificate failed its checks, or no protocol both sides speak.</summary>
        TlsFailed,
        /// <summary>The proxy would not open a tunnel to the API (its HTTP status is in HttpStatus: 407 wants proxy credentials).</summary>
        ProxyRefused,
    }
}
