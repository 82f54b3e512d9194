using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Http;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>Answers an attacker or a broken backend could send: redirects, impossible timestamps, payments without an imp_uid.</summary>
    public class HostileAnswerTests
    {
        private const string Envelope = "{{\"code\":0,\"message\":null,\"response\":{0}}}";

        private static PortOneException LookupFails(string paymentJson)
        {
            var api = new FakeApi(_ => FakeApi.Json(200, string.Format(Envelope, paymentJson)));
            return Assert.Throws<PortOneException>(() =>
                FakeApi.Client(api).GetPaymentAsync("imp_1", null, CancellationToken.None).GetAwaiter().GetResult());
        }

        private static PortOneException PageFails(params string[] payments)
        {
            var api = new FakeApi(_ => FakeApi.Page(payments.Length, 0, payments));
            var options = new PortOneClientOptions(new NetworkCredential("key_1234567", "very-secret")) { BaseUri = new Uri("https://api.example.test/") };
            var transport = new ApiTransport(new HttpClient(api), options);
            return Assert.Throws<PortOneException>(() => transport.GetAsync("payments/status/all?page=1&limit=3",
                PortOneJsonContext.Default.ApiEnvelopePaymentPage, NullPortOneEvents.Instance, CancellationToken.None).GetAwaiter().GetResult());
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(307)]
        [InlineData(308)]
        public void A_redirect_to_getToken_is_an_error_naming_where_it_pointed_and_is_not_followed(int status)
        {
            var handler = new RedirectEverything(status, "http://203.0.113.9/steal");
            var client = new PortOneClient(new PortOneClientOptions(new NetworkCredential("key_1234567", "very-secret")) { BaseUri = new Uri("http://127.0.0.1:1/") }, handler);
            var e = Assert.Throws<PortOneException>(() => client.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal("PortOne.Redirected", e.ErrorId);
            Assert.Equal(status, e.HttpStatus);
            Assert.Contains("http://203.0.113.9/steal", e.Message);
            Assert.Contains("users/getToken", e.Message);
            Assert.DoesNotContain("very-secret", e.Message);
            Assert.Equal(new[] { "http://127.0.0.1:1/users/getToken" }, handler.Seen);
        }

        [Fact]
        public void A_relative_redirect_of_a_page_is_named_as_the_absolute_address()
        {
            var api = new FakeApi(_ =>
            {
                var answer = new HttpResponseMessage((HttpStatusCode)307);
                answer.Headers.Location = new Uri("/elsewhere/payments", UriKind.Relative);
                return answer;
            });
            var e = Assert.Throws<PortOneException>(() => FakeApi.Client(api).GetPaymentAsync("imp_1", null, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(PortOneErrorKind.Redirected, e.Kind);
            Assert.Contains("https://api.example.test/elsewhere/payments", e.Message);
            Assert.Single(api.Requests); // not retried either
        }

        [Theory]
        [InlineData("1700000000000", "milliseconds")]
        [InlineData("99999999999999999", ", not a time in unix seconds")]
        [InlineData("-99999999999999999", ", not a time in unix seconds")]
        [InlineData("1e300", ", not a time in unix seconds")]
        [InlineData("\"1700000000000\"", "milliseconds")]
        public void A_timestamp_no_date_can_hold_is_an_invalid_response_naming_the_field_and_the_request(string value, string reason)
        {
            var e = LookupFails(FakeApi.Payment("imp_1", extra: ",\"vbank_date\":" + value));
            Assert.Equal(PortOneErrorKind.InvalidResponse, e.Kind);
            Assert.Contains("$.response.vbank_date", e.Message);
            Assert.Contains("payments/imp_1", e.Message);
            Assert.Contains(reason, e.Message);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
        }

        [Fact]
        public void A_bad_timestamp_deep_in_a_page_names_its_payment_and_field()
        {
            string bad = FakeApi.Payment("imp_2", extra: ",\"cancel_history\":[{\"amount\":1,\"cancelled_at\":1700000000123}]");
            var e = PageFails(FakeApi.Payment("imp_1"), bad);
            Assert.Contains("$.response.list[1].cancel_history[0].cancelled_at", e.Message);
            Assert.Contains("payments/status/all?page=1", e.Message);
        }

        [Fact]
        public async Task Timestamps_at_the_edges_of_what_a_date_holds_still_read()
        {
            var api = new FakeApi(_ => FakeApi.Json(200, string.Format(Envelope, FakeApi.Payment("imp_1", paidAt: 253402214399))));
            var payment = await FakeApi.Client(api).GetPaymentAsync("imp_1", null, CancellationToken.None);
            Assert.Equal(253402214399, payment.PaidAt!.Value.ToUnixTimeSeconds());
        }

        [Theory]
        [InlineData("\"imp_uid\":null,", "\"imp_uid\": null")]
        [InlineData("", "no imp_uid")]
        [InlineData("\"imp_uid\":\"\",", "no imp_uid")]
        public void A_payment_without_an_imp_uid_is_an_invalid_response_naming_it_and_the_request(string impUid, string said)
        {
            string payment = "{" + impUid + "\"merchant_uid\":\"order_7\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":false}";
            var e = PageFails(FakeApi.Payment("imp_1"), FakeApi.Payment("imp_2"), payment);
            Assert.Equal("PortOne.InvalidResponse", e.ErrorId);
            Assert.Contains(said, e.Message);
            Assert.Contains("$.response.list[2]", e.Message);
            Assert.Contains("order_7", e.Message);
            Assert.Contains("payments/status/all?page=1", e.Message);

            var single = LookupFails(payment);
            Assert.Contains(said, single.Message);
            Assert.Contains("payments/imp_1", single.Message);
        }

        [Fact]
        public void A_null_in_the_list_is_an_invalid_response()
        {
            var e = PageFails(FakeApi.Payment("imp_1"), "null");
            Assert.Contains("$.response.list[1] is null", e.Message);
        }

        [Theory]
        [InlineData("A01\r")]
        [InlineData("A01\nX-Evil: 1")]
        [InlineData("A\u000001")]
        [InlineData("하위상점")]
        public void A_tier_the_header_cannot_carry_is_refused_before_any_request(string tier)
        {
            var api = new FakeApi(_ => FakeApi.Json(200, "{}"));
            var e = Assert.Throws<PortOneException>(() => FakeApi.Client(api, o => o.Tier = tier));
            Assert.Equal("PortOne.InvalidTier", e.ErrorId);
            Assert.Equal(0, api.TokenRequests);
        }

        [Theory]
        [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
        [InlineData((SecurityProtocolType)48 | SecurityProtocolType.Tls, (SecurityProtocolType)48 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)] // 5.1's Ssl3 | Tls
        [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
        [InlineData((SecurityProtocolType)0, (SecurityProtocolType)0)] // SystemDefault: the OS chooses; pinning a flag would narrow it
        public void Windows_PowerShell_gets_TLS_1_2_added_and_nothing_removed(SecurityProtocolType before, SecurityProtocolType after)
        {
            Assert.Equal(after, DesktopHttpStack.WithTls12(before));
        }

        [Theory]
        [InlineData(2, DesktopHttpStack.ConnectionsPerHost)]
        [InlineData(100, 100)]
        public void Windows_PowerShell_gets_more_than_two_connections_to_the_API(int before, int after)
        {
            Assert.Equal(after, DesktopHttpStack.ConnectionLimitFor(before));
            // That the limit exceeds -ThrottleLimit's maximum is a fact about the cmdlet: Compatibility.Tests.ps1 checks it.
        }

        /// <summary>Answers every request with a redirect and records what it was asked.</summary>
        private sealed class RedirectEverything : HttpMessageHandler
        {
            private readonly int _status;
            private readonly string _location;
            public readonly List<string> Seen = new List<string>();

            public RedirectEverything(int status, string location)
            {
                _status = status;
                _location = location;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (Seen) Seen.Add(request.RequestUri!.AbsoluteUri);
                var answer = new HttpResponseMessage((HttpStatusCode)_status) { RequestMessage = request };
                answer.Headers.Location = new Uri(_location);
                return Task.FromResult(answer);
            }
        }
    }
}
