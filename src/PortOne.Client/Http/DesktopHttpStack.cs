using System;
using System.Collections.Concurrent;
using System.Net;

namespace PortOne.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, where HttpClientHandler goes through ServicePointManager:
    /// TLS 1.2 may be off (PortOne requires it) and a host gets 2 connections, so pages requested ahead queue
    /// behind each other and can time out. This sets both for the API's address only, and does nothing on .NET
    /// (PowerShell 7), whose handler has neither limit.
    /// </summary>
    internal static class DesktopHttpStack
    {
        /// <summary>More than the 16 pages one command may have in flight, with room for a token request and a second runspace.</summary>
        internal const int ConnectionsPerHost = 32;

        // Held so that .NET Framework does not collect an idle service point and make a new one with the default of 2.
        private static readonly ConcurrentDictionary<string, ServicePoint> Prepared = new ConcurrentDictionary<string, ServicePoint>();

        /// <summary>Prepares the service point of <paramref name="baseUri"/> reached through <paramref name="proxy"/> (null: straight).</summary>
        public static void Prepare(Uri baseUri, IWebProxy? proxy)
        {
            if (!RuntimeFramework.IsNetFramework) return;
            try
            {
                // Process-wide, because on .NET Framework nothing per handler or per request chooses the TLS version:
                // HttpWebRequest reads only this. TLS 1.2 is added to what is there, never anything removed.
                SecurityProtocolType protocols = ServicePointManager.SecurityProtocol;
                SecurityProtocolType wanted = WithTls12(protocols);
                if (wanted != protocols) ServicePointManager.SecurityProtocol = wanted;

                // Per service point (scheme, host, port, through the proxy the handler will use): other hosts keep theirs.
                ServicePoint point = ServicePointManager.FindServicePoint(baseUri, proxy);
                point.ConnectionLimit = ConnectionLimitFor(point.ConnectionLimit);
                Prepared[point.Address.AbsoluteUri] = point;
            }
            catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException)
            {
                // Too many service points, or a protocol the OS lacks: .NET's defaults stay, and the requests still run.
            }
        }

        /// <summary>
        /// TLS 1.2 added to an explicit list that lacks it (Windows PowerShell 5.1 starts with Ssl3 | Tls). SystemDefault (0,
        /// .NET Framework 4.7+) is left alone: the OS then chooses, TLS 1.2 and later included, and adding a flag would pin it.
        /// </summary>
        internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == 0 || (current & SecurityProtocolType.Tls12) != 0 ? current : current | SecurityProtocolType.Tls12;

        /// <summary>Raised to <see cref="ConnectionsPerHost"/>; a higher limit someone else set is kept.</summary>
        internal static int ConnectionLimitFor(int current) => Math.Max(current, ConnectionsPerHost);
    }
}
