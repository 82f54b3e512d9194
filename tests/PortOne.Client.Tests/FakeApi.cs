using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Client.Tests
{
    /// <summary>A scripted HttpMessageHandler: answers getToken itself and hands every other request to a test's function.</summary>
    internal sealed class FakeApi : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;
        public readonly ConcurrentQueue<string> Requests = new ConcurrentQueue<string>();
        public int TokenRequests;
        public long ServerNow = 1_700_000_000;
        public long TokenLifetime = 1800;
        public int TokenCounter;

        public FakeApi(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

        public IEnumerable<string> PageRequests => Requests.Where(r => r.Contains("/payments/status/"));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.RequestUri!.AbsolutePath.EndsWith("/users/getToken", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref TokenRequests);
                int n = Interlocked.Increment(ref TokenCounter);
                return Task.FromResult(Json(200, $"{{\"code\":0,\"message\":null,\"response\":{{\"access_token\":\"token{n}\",\"now\":{ServerNow},\"expired_at\":{ServerNow + TokenLifetime}}}}}"));
            }
            Requests.Enqueue(request.RequestUri.PathAndQuery + " " + request.Headers.Authorization);
            HttpResponseMessage answer = _answer(request);
            answer.Headers.Date ??= DateTimeOffset.FromUnixTimeSeconds(ServerNow);
            return Task.FromResult(answer);
        }

        public static HttpResponseMessage Json(int status, string body) =>
            new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        public static string Payment(string impUid, long paidAt = 1_690_000_000, string extra = "") =>
            $"{{\"imp_uid\":\"{impUid}\",\"merchant_uid\":\"m_{impUid}\",\"amount\":1000,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":false,\"started_at\":{paidAt - 10},\"paid_at\":{paidAt}{extra}}}";

        public static HttpResponseMessage Page(long total, int next, IEnumerable<string> payments) =>
            Json(200, $"{{\"code\":0,\"message\":null,\"response\":{{\"total\":{total},\"previous\":0,\"next\":{next},\"list\":[{string.Join(",", payments)}]}}}}");

        /// <summary>A consistent paged data set of `total` payments, answered per the page and limit asked.</summary>
        public static Func<HttpRequestMessage, HttpResponseMessage> Paged(int total)
        {
            return request =>
            {
                var query = ParseQuery(request.RequestUri!.Query);
                int page = int.Parse(query["page"], CultureInfo.InvariantCulture);
                int limit = int.Parse(query["limit"], CultureInfo.InvariantCulture);
                int start = (page - 1) * limit;
                if (page > 1 && start >= total) return Json(400, "{\"code\":1,\"message\":\"page past the end\",\"response\":null}");
                var items = Enumerable.Range(start, Math.Max(0, Math.Min(limit, total - start))).Select(i => Payment("imp_" + i.ToString("D6", CultureInfo.InvariantCulture)));
                return Page(total, start + limit < total ? page + 1 : 0, items);
            };
        }

        public static Dictionary<string, string> ParseQuery(string query) =>
            query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

        public static PortOneClient Client(HttpMessageHandler api, Action<PortOneClientOptions>? configure = null)
        {
            var options = new PortOneClientOptions(new NetworkCredential("key_1234567", "very-secret"))
            {
                BaseUri = new Uri("https://api.example.test/"),
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
                RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            };
            configure?.Invoke(options);
            return new PortOneClient(options, api);
        }
    }
}
