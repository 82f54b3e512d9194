using System;
using System.Net;
using System.Net.Http;

namespace PortOne.Http
{
    /// <summary>
    /// The way a client's requests go: straight for plain http to this machine (an HTTP_PROXY must not carry the
    /// secret in clear text to a proxy, even for localhost), else through the given proxy or the platform's default.
    /// Two routes are equal when the same handler serves both, so each route has one pooled handler in the process.
    /// </summary>
    internal sealed class ProxyRoute : IEquatable<ProxyRoute>
    {
        private ProxyRoute(ProxyChoice choice, Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            Choice = choice;
            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        public ProxyChoice Choice { get; }

        /// <summary>The given proxy without user info; null for the other choices.</summary>
        public Uri? Address { get; }

        public NetworkCredential? Credential { get; }

        public bool UseDefaultCredentials { get; }

        public static ProxyRoute For(PortOneClientOptions options)
        {
            Uri baseUri = options.BaseUri;
            if (baseUri.Scheme == Uri.UriSchemeHttp && baseUri.IsLoopback) return new ProxyRoute(ProxyChoice.LoopbackDirect, null, null, false);
            if (options.Proxy != null)
            {
                return new ProxyRoute(ProxyChoice.Given, WithoutUserInfo(options.Proxy), options.ProxyCredential ?? CredentialIn(options.Proxy),
                    options.ProxyUseDefaultCredentials);
            }
            return new ProxyRoute(ProxyChoice.PlatformDefault, null, options.ProxyCredential, options.ProxyUseDefaultCredentials);
        }

        /// <summary>The proxy requests to <paramref name="destination"/> go through, without user info; null when they go straight.</summary>
        public Uri? ProxyFor(Uri destination)
        {
            switch (Choice)
            {
                case ProxyChoice.Given:
                    return Address;
                case ProxyChoice.PlatformDefault:
                    Uri? via = PlatformProxyFor(destination);
                    return via == null ? null : WithoutUserInfo(via);
                default:
                    return null;
            }
        }

        /// <summary>Who the proxy is told this is: a user name, "DefaultCredentials", or null for nobody.</summary>
        public string? ProxyUserFor(Uri destination)
        {
            if (Choice == ProxyChoice.LoopbackDirect) return null;
            if (UseDefaultCredentials) return "DefaultCredentials";
            if (Credential != null)
            {
                return string.IsNullOrEmpty(Credential.Domain) ? Credential.UserName : Credential.Domain + "\\" + Credential.UserName;
            }
            if (Choice == ProxyChoice.PlatformDefault && PlatformProxyFor(destination) is Uri via && via.UserInfo.Length > 0)
            {
                return CredentialIn(via)?.UserName;
            }
            return null;
        }

        /// <summary>A handler for this route: pooled connections, no redirects followed (a 307 would resend the secret).</summary>
        public HttpClientHandler CreateHandler()
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
            };
            ICredentials? credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential;
            switch (Choice)
            {
                case ProxyChoice.LoopbackDirect:
                    handler.UseProxy = false;
                    break;
                case ProxyChoice.Given:
                    handler.UseProxy = true;
                    handler.Proxy = ServicePointProxy();
                    break;
                default:
                    handler.UseProxy = true;
                    if (credentials != null) handler.DefaultProxyCredentials = credentials;
                    break;
            }
            return handler;
        }

        /// <summary>The proxy object requests use (null: none), for .NET Framework's service points.</summary>
        public IWebProxy? ServicePointProxy()
        {
            switch (Choice)
            {
                case ProxyChoice.Given:
                    return new WebProxy(Address!)
                    {
                        Credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential,
                        BypassProxyOnLocal = false,
                    };
                case ProxyChoice.PlatformDefault:
                    return WebRequest.DefaultWebProxy;
                default:
                    return null;
            }
        }

        private static readonly char[] UserInfoSeparator = { ':' };

        internal static Uri WithoutUserInfo(Uri uri) =>
            uri.IsAbsoluteUri && uri.UserInfo.Length > 0 ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri : uri;

        private static Uri? PlatformProxyFor(Uri destination)
        {
            IWebProxy? platform = WebRequest.DefaultWebProxy;
            if (platform == null || platform.IsBypassed(destination)) return null;
            Uri? via = platform.GetProxy(destination);
            return via == null || via == destination ? null : via;
        }

        private static NetworkCredential? CredentialIn(Uri proxy)
        {
            if (proxy.UserInfo.Length == 0) return null;
            string[] parts = proxy.UserInfo.Split(UserInfoSeparator, 2);
            return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }

        public bool Equals(ProxyRoute? other) =>
            other != null && Choice == other.Choice && Equals(Address, other.Address) && UseDefaultCredentials == other.UseDefaultCredentials
            && SameCredential(Credential, other.Credential);

        public override bool Equals(object? obj) => Equals(obj as ProxyRoute);

        public override int GetHashCode() =>
            ((int)Choice * 397) ^ (Address?.GetHashCode() ?? 0) ^ StringComparer.Ordinal.GetHashCode(Credential?.UserName ?? "");

        private static bool SameCredential(NetworkCredential? a, NetworkCredential? b) =>
            ReferenceEquals(a, b) || (a != null && b != null && a.UserName == b.UserName && a.Domain == b.Domain && a.Password == b.Password);
    }
}
