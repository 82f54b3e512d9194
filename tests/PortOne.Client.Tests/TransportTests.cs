using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Client.Tests
{
    public class TransportTests
    {
        private static PaymentAnnotation Lookup(FakeApi api, Action<PortOneClientOptions>? configure = null) =>
            FakeApi.Client(api, configure).GetPaymentAsync("imp_1", null, CancellationToken.None).GetAwaiter().GetResult();

        private static readonly string OnePayment = "{\"code\":0,\"message\":null,\"response\":" + FakeApi.Payment("imp_1") + "}";

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(408)]
        [InlineData(429)]
        public void Transient_statuses_are_retried(int status)
        {
            int calls = 0;
            var api = new FakeApi(_ => ++calls < 3 ? FakeApi.Json(status, "{}") : FakeApi.Json(200, OnePayment));
            Assert.Equal("imp_1", Lookup(api).ImpUid);
            Assert.Equal(3, calls);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(403)]
        public void Client_errors_are_not_retried_and_carry_the_API_message(int status)
        {
            int calls = 0;
            var api = new FakeApi(_ => { calls++; return FakeApi.Json(status, "{\"code\":-1,\"message\":\"지원되지 않는 상태값입니다.\",\"response\":null}"); });
            var e = Assert.Throws<PortOneException>(() => Lookup(api));
            Assert.Equal(1, calls);
            Assert.Equal(PortOneErrorKind.ApiError, e.Kind);
            Assert.Equal(-1, e.ApiCode);
            Assert.Contains("지원되지 않는 상태값입니다.", e.Message);
        }

        [Fact]
        public void Not_found_is_its_own_kind()
        {
            var api = new FakeApi(_ => FakeApi.Json(404, "{\"code\":1,\"message\":\"존재하지 않는 결제정보입니다.\",\"response\":null}"));
            var e = Assert.Throws<PortOneException>(() => Lookup(api));
            Assert.Equal("PortOne.NotFound", e.ErrorId);
            Assert.Equal("존재하지 않는 결제정보입니다.", e.ApiMessage);
        }

        [Fact]
        public void When_retries_run_out_the_error_names_the_request_the_tries_and_the_last_failure()
        {
            int calls = 0;
            var api = new FakeApi(_ => { calls++; return FakeApi.Json(503, "{}"); });
            var e = Assert.Throws<PortOneException>(() => Lookup(api, o => o.MaxRetries = 2));
            Assert.Equal(3, calls);
            Assert.Equal(PortOneErrorKind.RetriesExhausted, e.Kind);
            Assert.Equal("PortOne did not answer payments/imp_1?include_sandbox=true after 3 tries: HTTP 503 Service Unavailable.", e.Message);
            Assert.Equal("payments/imp_1?include_sandbox=true", e.RequestPath);
            Assert.Equal(503, e.HttpStatus);
        }

        [Fact]
        public void A_200_with_a_nonzero_code_is_an_error()
        {
            var api = new FakeApi(_ => FakeApi.Json(200, "{\"code\":-1,\"message\":\"권한이 없습니다\",\"response\":null}"));
            var e = Assert.Throws<PortOneException>(() => Lookup(api));
            Assert.Equal(PortOneErrorKind.ApiError, e.Kind);
            Assert.Equal("권한이 없습니다", e.ApiMessage);
        }

        [Fact]
        public void An_html_page_is_an_invalid_response_not_a_crash()
        {
            var api = new FakeApi(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</html>", Encoding.UTF8, "text/html") });
            PortOneException e = Assert.Throws<PortOneException>(() => Lookup(api));
            Assert.Equal(PortOneErrorKind.InvalidResponse, e.Kind);
            Assert.Equal("text/html", e.MediaType); // the fact the module's advice turns on: something other than PortOne answered
        }

        [Fact]
        public void Truncated_json_is_an_invalid_response()
        {
            var api = new FakeApi(_ => FakeApi.Json(200, OnePayment.Substring(0, 40)));
            PortOneException e = Assert.Throws<PortOneException>(() => Lookup(api));
            Assert.Equal(PortOneErrorKind.InvalidResponse, e.Kind);
            Assert.Null(e.MediaType);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
        }

        [Fact]
        public void A_401_gets_one_fresh_token_and_the_call_is_repeated()
        {
            var api = new FakeApi(r => r.Headers.Authorization!.Parameter == "token1" ? FakeApi.Json(401, "{}") : FakeApi.Json(200, OnePayment));
            Assert.Equal("imp_1", Lookup(api).ImpUid);
            Assert.Equal(2, api.TokenRequests);
            Assert.EndsWith("Bearer token2", api.Requests.Last());
        }

        [Fact]
        public void A_second_401_is_an_authentication_error_not_a_loop()
        {
            var api = new FakeApi(_ => FakeApi.Json(401, "{}"));
            Assert.Equal(PortOneErrorKind.AuthenticationFailed, Assert.Throws<PortOneException>(() => Lookup(api)).Kind);
            Assert.Equal(2, api.TokenRequests);
        }

        [Fact]
        public void Retry_after_is_honoured_but_capped()
        {
            var policy = new Http.RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), seed: 1);
            Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayBefore(1, TimeSpan.FromSeconds(2)));
            Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBefore(1, TimeSpan.FromHours(1)));
            var response = new HttpResponseMessage((HttpStatusCode)429);
            var now = DateTimeOffset.UtcNow;
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(7));
            var asked = Http.RetryPolicy.ReadRetryAfter(response, now)!.Value;
            Assert.InRange(asked.TotalSeconds, 6, 7);
        }

        [Fact]
        public void Backoff_grows_exponentially_with_jitter_and_a_cap()
        {
            var policy = new Http.RetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), seed: 7);
            for (int attempt = 1; attempt <= 6; attempt++)
            {
                double full = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
                Assert.InRange(policy.DelayBefore(attempt, null).TotalMilliseconds, full / 2, full);
            }
        }

        [Fact]
        public void Tier_header_goes_with_every_call()
        {
            string? tier = null;
            var api = new FakeApi(r => { tier = r.Headers.GetValues("Tier").Single(); return FakeApi.Json(200, OnePayment); });
            Lookup(api, o => o.Tier = "T001");
            Assert.Equal("T001", tier);
        }

        [Theory]
        [InlineData("http://api.example.com/")]
        [InlineData("ftp://127.0.0.1/")]
        public void Plain_http_to_a_remote_host_is_refused(string uri)
        {
            var e = Assert.Throws<PortOneException>(() => FakeApi.Client(new FakeApi(_ => FakeApi.Json(200, "{}")), o => o.BaseUri = new Uri(uri)));
            Assert.Equal(PortOneErrorKind.InsecureBaseUri, e.Kind);
        }

        [Fact]
        public void Cancellation_ends_a_stalled_request_at_once()
        {
            var handler = new StallingHandler();
            var client = new PortOneClient(new PortOneClientOptions(new NetworkCredential("k", "s")) { BaseUri = new Uri("https://x.test/") }, handler);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => client.GetPaymentAsync("imp_1", null, cts.Token).GetAwaiter().GetResult());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }

        private sealed class StallingHandler : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }
        }
    }
}
