using System;
using System.Net;
using PortOne.Http;

namespace PortOne
{
    /// <summary>Where and how to talk to PortOne. The secret stays in a NetworkCredential (a SecureString).</summary>
    public sealed class PortOneClientOptions
    {
        /// <summary>PortOne's V1 API, the default base URI.</summary>
        public static readonly Uri ProductionBaseUri = new Uri("https://api.iamport.kr/");

        /// <summary>Options for this key and secret, with the defaults below.</summary>
        public PortOneClientOptions(NetworkCredential credential)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
        }

        /// <summary>UserName is the REST API key (imp_key), Password the secret (imp_secret).</summary>
        public NetworkCredential Credential { get; }

        /// <summary>The API key with all but its first four characters masked, for display.</summary>
        public string MaskedImpKey
        {
            get
            {
                string key = Credential.UserName ?? "";
                return key.Length <= 4 ? new string('*', key.Length) : key.Substring(0, 4) + new string('*', Math.Min(8, key.Length - 4));
            }
        }

        /// <summary>Where the API is: https, or http to a loopback address only (see <see cref="EnsureSecureBaseUri"/>).</summary>
        public Uri BaseUri { get; set; } = ProductionBaseUri;

        /// <summary>An agency's sub-merchant code, sent as the Tier header on every call.</summary>
        public string? Tier { get; set; }

        /// <summary>Retries after the first try for transient failures (connection errors, 408, 429, 5xx).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>Time allowed for one request, headers and body.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>First backoff step; later retries wait twice as long each time, with jitter.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest backoff step: exponential steps stop growing here.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>A server's Retry-After is honoured up to this long.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>A monotonic clock; tests replace it to move time.</summary>
        public Func<TimeSpan> MonotonicClock { get; set; } = SystemClock.Elapsed;

        /// <summary>This machine's wall clock; tests replace it to set it wrong (see <see cref="PortOneClient.PortOneNow"/>).</summary>
        public Func<DateTimeOffset> WallClock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// The proxy for https requests; null for the platform's default proxy (the environment variables on Linux and
        /// macOS, the system setting on Windows). Credentials in it (http://user:password@host:port) are used as
        /// <see cref="ProxyCredential"/>. Plain http to a loopback address never goes through any proxy.
        /// </summary>
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy (the given one, or else the platform's default proxy).</summary>
        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>Authenticates to the proxy as the user running this process (Negotiate/NTLM on Windows).</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        /// <summary>A copy of these settings (the same credential objects and clocks), for a client to keep as its own.</summary>
        internal PortOneClientOptions Copy() => (PortOneClientOptions)MemberwiseClone();

        /// <summary>Refuses plain http except to this machine, so a secret never crosses a network in clear text.</summary>
        public static void EnsureSecureBaseUri(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new PortOneException(PortOneErrorKind.InsecureBaseUri, $"The API base URI '{baseUri}' is not an absolute http(s) URI.");
            }
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback)
            {
                throw new PortOneException(PortOneErrorKind.InsecureBaseUri,
                    $"Plain http to '{baseUri.Host}' would send the API secret and tokens unencrypted.");
            }
        }

        /// <summary>Refuses a proxy the client cannot use, and two kinds of proxy credentials at once.</summary>
        public static void EnsureValidProxy(PortOneClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            Uri? proxy = options.Proxy;
            if (proxy != null && (!proxy.IsAbsoluteUri || Array.IndexOf(ProxySchemes, proxy.Scheme) < 0 || proxy.Host.Length == 0))
            {
                // Not echoed: a value that is not a proxy URI may be a password in the wrong place ("user:password" parses as a URI).
                throw new PortOneException(PortOneErrorKind.InvalidProxy,
                    $"The proxy is not an absolute URI with a host and one of the schemes {string.Join(", ", ProxySchemes)}.");
            }
            bool credentialInUri = proxy != null && proxy.UserInfo.Length > 0;
            int kinds = (options.ProxyCredential != null ? 1 : 0) + (options.ProxyUseDefaultCredentials ? 1 : 0) + (credentialInUri ? 1 : 0);
            if (kinds > 1)
            {
                throw new PortOneException(PortOneErrorKind.InvalidProxy,
                    "The proxy has more than one kind of credentials: explicit ones, this account's default ones, " +
                    "or a user name in the proxy's URI.");
            }
        }

        private static readonly string[] ProxySchemes = { "http", "https", "socks4", "socks4a", "socks5" };

        /// <summary>
        /// Refuses a Tier code the Tier header cannot carry. A CR or LF in a header value is dropped, refused or splits
        /// it into a second header, depending on the .NET version and the server; either way the Tier does not arrive
        /// as given, and the calls could read the agency's own account instead of the sub-merchant's.
        /// </summary>
        public static void EnsureValidTier(string? tier)
        {
            if (tier == null) return;
            for (int i = 0; i < tier.Length; i++)
            {
                char c = tier[i];
                if (c >= 0x20 && c <= 0x7E) continue;
                string what = char.IsControl(c) ? "a control character" : "a non-ASCII character";
                throw new PortOneException(PortOneErrorKind.InvalidTier,
                    $"The Tier code has {what} (U+{(int)c:X4}) at position {i + 1}; the Tier header carries printable ASCII only.");
            }
        }
    }
}
