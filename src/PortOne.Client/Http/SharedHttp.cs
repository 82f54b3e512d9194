using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;

namespace PortOne.Http
{
    /// <summary>
    /// One HttpClient per proxy route for the whole process: connections are pooled and reused across commands and
    /// runspaces, and a route with other proxy credentials gets a handler of its own rather than changing one in use.
    /// </summary>
    internal static class SharedHttp
    {
        private static readonly ConcurrentDictionary<ProxyRoute, Lazy<HttpClient>> Clients = new ConcurrentDictionary<ProxyRoute, Lazy<HttpClient>>();

        // Lazy: two threads adding the same route at once make one handler, not one each. No client timeout: each request has its own.
        public static HttpClient For(ProxyRoute route) =>
            Clients.GetOrAdd(route, r => new Lazy<HttpClient>(() => new HttpClient(r.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan })).Value;

        /// <summary>How many handlers the process holds (tests: reuse, not one per connection).</summary>
        internal static int Count => Clients.Count;
    }
}
