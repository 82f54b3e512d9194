using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;

namespace PortOne.Http
{
    /// <summary>
    /// Tells a connection that could not be made (refused, a name that does not resolve, TLS, a proxy saying no) from a
    /// transient failure (a timeout, a reset), from what .NET throws: HttpRequestException.HttpRequestError on .NET 8
    /// and later (read by name: this library targets netstandard2.0), else the socket error, the TLS exception, or
    /// the WebException status of .NET Framework.
    /// </summary>
    internal static class ConnectFailures
    {
        private static readonly Regex TunnelStatus = new Regex(@"'(\d{3})'", RegexOptions.CultureInvariant);

        /// <summary>What failed, or null for anything else (which may be transient); <paramref name="proxyStatus"/> for a refused tunnel.</summary>
        public static PortOneConnectFailure? Classify(Exception failure, out int? proxyStatus)
        {
            proxyStatus = null;
            for (Exception? e = failure; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case HttpRequestException http:
                        switch (RequestError(http))
                        {
                            case "NameResolutionError": return PortOneConnectFailure.NameNotResolved;
                            case "SecureConnectionError": return PortOneConnectFailure.TlsFailed;
                            case "ProxyTunnelError":
                                proxyStatus = StatusOf(http);
                                return PortOneConnectFailure.ProxyRefused;
                        }
                        break;
                    case SocketException socket:
                        switch (socket.SocketErrorCode)
                        {
                            case SocketError.ConnectionRefused: return PortOneConnectFailure.Refused;
                            case SocketError.HostNotFound:
                            case SocketError.NoData:
                            case SocketError.TryAgain: return PortOneConnectFailure.NameNotResolved;
                        }
                        break;
                    case AuthenticationException _:
                        return PortOneConnectFailure.TlsFailed;
                    case WebException web:
                        switch (web.Status)
                        {
                            case WebExceptionStatus.NameResolutionFailure:
                            case WebExceptionStatus.ProxyNameResolutionFailure: return PortOneConnectFailure.NameNotResolved;
                            case WebExceptionStatus.TrustFailure:
                            case WebExceptionStatus.SecureChannelFailure: return PortOneConnectFailure.TlsFailed;
                        }
                        break;
                }
            }
            return null;
        }

        /// <summary>
        /// The error for a connection that could not be made: what failed, the address and the proxy, as facts (a host
        /// says what to check, in its own terms: where the address and the proxy were set).
        /// </summary>
        public static PortOneException ToException(
            PortOneConnectFailure failure, string pathAndQuery, Uri baseUri, Uri? proxy, int? proxyStatus, Exception inner)
        {
            string api = baseUri.Host + ":" + baseUri.Port.ToString(CultureInfo.InvariantCulture);
            string? proxyAddress = proxy == null ? null : proxy.Host + ":" + proxy.Port.ToString(CultureInfo.InvariantCulture);
            string detail = Innermost(inner).Message.TrimEnd('.');
            string message = failure switch
            {
                PortOneConnectFailure.Refused => proxy == null
                    ? $"Nothing accepted a connection at {api} for {pathAndQuery}: the connection was refused ({detail})."
                    : $"The proxy {proxy} refused the connection for {pathAndQuery} ({detail}).",
                PortOneConnectFailure.NameNotResolved => proxy == null
                    ? $"The name '{baseUri.Host}' does not resolve (DNS), so {pathAndQuery} was not sent ({detail})."
                    : $"The proxy's name '{proxy.Host}' does not resolve (DNS), so {pathAndQuery} was not sent ({detail}).",
                PortOneConnectFailure.TlsFailed =>
                    $"The secure (TLS) connection to {api}{Through(proxy)} failed its checks, so nothing was sent ({detail}).",
                _ => $"The proxy {proxy} would not open a tunnel to {api} for {pathAndQuery}" +
                     (proxyStatus.HasValue ? " with HTTP " + proxyStatus.Value.ToString(CultureInfo.InvariantCulture) : "") + ".",
            };
            return new PortOneException(PortOneErrorKind.Unreachable, message, inner)
            {
                ConnectFailure = failure,
                Address = failure == PortOneConnectFailure.TlsFailed ? api : proxyAddress ?? api,
                Proxy = proxy,
                RequestPath = pathAndQuery,
                HttpStatus = failure == PortOneConnectFailure.ProxyRefused ? proxyStatus : null,
            };
        }

        private static string Through(Uri? proxy) => proxy == null ? "" : $" (through the proxy {proxy})";

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        private static string? RequestError(HttpRequestException e) =>
            e.GetType().GetProperty("HttpRequestError")?.GetValue(e)?.ToString();

        /// <summary>The proxy's answer to CONNECT: HttpRequestException.StatusCode where .NET sets it, else the number its message quotes.</summary>
        private static int? StatusOf(HttpRequestException e)
        {
            if (e.GetType().GetProperty("StatusCode")?.GetValue(e) is HttpStatusCode status) return (int)status;
            Match match = TunnelStatus.Match(e.Message);
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        }
    }
}
