namespace PortOne
{
    /// <summary>Which proxy a client's requests take (<see cref="PortOneClient.ProxyChoice"/>).</summary>
    public enum ProxyChoice
    {
        /// <summary>Plain http to a loopback address: never through any proxy, whatever is set, so no proxy sees the secret.</summary>
        LoopbackDirect,
        /// <summary>The proxy in <see cref="PortOneClientOptions.Proxy"/>.</summary>
        Given,
        /// <summary>
        /// The platform's default: the environment variables (HTTPS_PROXY, NO_PROXY) on Linux and macOS, the system
        /// setting on Windows; it may be none.
        /// </summary>
        PlatformDefault,
    }
}
