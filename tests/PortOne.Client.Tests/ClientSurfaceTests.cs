using System;
using System.Net;
using System.Text.Json;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// What scripts and messages show of the client's small types: masked keys, refusals of a base URI or a Tier, the
    /// API's spellings, how models print, and how loosely typed JSON values are read.
    /// </summary>
    public sealed class ClientSurfaceTests
    {
        private static PaymentAnnotation Parse(string fields)
        {
            string json = "{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\"" + fields + "}";
            return JsonSerializer.Deserialize("{\"code\":0,\"message\":null,\"response\":" + json + "}", PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation)!.Response!;
        }

        [Theory]
        [InlineData("key_1234567", "key_*******")]
        [InlineData("imp_0123456789abcdef", "imp_********")]
        [InlineData("abcde", "abcd*")]
        [InlineData("abcd", "****")]
        [InlineData("ab", "**")]
        [InlineData("", "")]
        public void The_key_shows_its_first_four_characters_and_at_most_eight_stars(string key, string masked)
        {
            Assert.Equal(masked, new PortOneClientOptions(new NetworkCredential(key, "s")).MaskedImpKey);
        }

        [Fact]
        public void A_key_without_a_user_name_masks_to_nothing()
        {
            Assert.Equal("", new PortOneClientOptions(new NetworkCredential { Password = "s" }).MaskedImpKey);
        }

        [Fact]
        public void A_base_uri_that_is_not_absolute_http_or_plain_http_to_another_host_is_refused_saying_why()
        {
            var relative = Assert.Throws<PortOneException>(() => PortOneClientOptions.EnsureSecureBaseUri(new Uri("/api", UriKind.Relative)));
            Assert.Equal(PortOneErrorKind.InsecureBaseUri, relative.Kind);
            Assert.Equal("The API base URI '/api' is not an absolute http(s) URI.", relative.Message);
            var ftp = Assert.Throws<PortOneException>(() => PortOneClientOptions.EnsureSecureBaseUri(new Uri("ftp://127.0.0.1/")));
            Assert.Equal(PortOneErrorKind.InsecureBaseUri, ftp.Kind);
            var clear = Assert.Throws<PortOneException>(() => PortOneClientOptions.EnsureSecureBaseUri(new Uri("http://api.example.test/")));
            Assert.Equal("Plain http to 'api.example.test' would send the API secret and tokens unencrypted.", clear.Message);
            PortOneClientOptions.EnsureSecureBaseUri(new Uri("http://127.0.0.1:8080/"));
            PortOneClientOptions.EnsureSecureBaseUri(new Uri("https://api.example.test/"));
        }

        [Theory]
        [InlineData("T\u001F", "a control character (U+001F) at position 2")]
        [InlineData("\u007F", "a control character (U+007F) at position 1")]
        [InlineData("AB\u00E9", "a non-ASCII character (U+00E9) at position 3")]
        [InlineData("T0042\r", "a control character (U+000D) at position 6")]
        public void A_tier_with_a_character_the_header_cannot_carry_is_refused_naming_it(string tier, string says)
        {
            var failure = Assert.Throws<PortOneException>(() => PortOneClientOptions.EnsureValidTier(tier));
            Assert.Equal(PortOneErrorKind.InvalidTier, failure.Kind);
            Assert.Equal($"The Tier code has {says}; the Tier header carries printable ASCII only.", failure.Message);
        }

        [Fact]
        public void A_client_keeps_its_own_copy_of_the_options_and_leaves_the_caller_s_as_they_were()
        {
            var given = new Uri("http://127.0.0.1:8080/api");
            var options = new PortOneClientOptions(new NetworkCredential("key_1234567", "s")) { BaseUri = given, Tier = "T1" };
            using var client = new PortOneClient(options);
            Assert.Same(given, options.BaseUri);
            Assert.Equal("http://127.0.0.1:8080/api/", client.Options.BaseUri.AbsoluteUri);
            Assert.NotSame(options, client.Options);
            // A later change to the caller's object, even one the client would refuse, does not reach the client.
            options.Tier = "T2\n";
            options.BaseUri = new Uri("http://api.example.test/");
            Assert.Equal("T1", client.Options.Tier);
            Assert.Equal("http://127.0.0.1:8080/api/", client.Options.BaseUri.AbsoluteUri);
        }

        [Fact]
        public void A_disposed_client_refuses_calls_at_once_and_may_be_disposed_again()
        {
            var client = FakeApi.Client(new FakeApi(_ => FakeApi.Json(200, "{}")));
            client.Dispose();
            client.Dispose();
            Assert.Throws<ObjectDisposedException>(() => { _ = client.ConnectAsync(null, System.Threading.CancellationToken.None); });
            Assert.Throws<ObjectDisposedException>(() => { _ = client.GetPaymentAsync("imp_1", null, System.Threading.CancellationToken.None); });
            Assert.Throws<ObjectDisposedException>(() => { _ = client.FindByMerchantUidAsync("m_1", null, System.Threading.CancellationToken.None); });
            Assert.Throws<ObjectDisposedException>(() => client.OpenPayments(new PaymentQuery(), null, System.Threading.CancellationToken.None));
        }

        [Fact]
        public void Every_printable_ascii_character_is_a_valid_tier()
        {
            var all = new char[0x7E - 0x20 + 1];
            for (int c = 0x20; c <= 0x7E; c++) all[c - 0x20] = (char)c;
            PortOneClientOptions.EnsureValidTier(new string(all));
            PortOneClientOptions.EnsureValidTier(null);
        }

        [Theory]
        [InlineData(PaymentStatus.All, "all")]
        [InlineData(PaymentStatus.Ready, "ready")]
        [InlineData(PaymentStatus.Paid, "paid")]
        [InlineData(PaymentStatus.Cancelled, "cancelled")]
        [InlineData(PaymentStatus.Failed, "failed")]
        public void Each_status_has_the_api_s_word(PaymentStatus status, string word)
        {
            Assert.Equal(word, status.ToApiString());
        }

        [Theory]
        [InlineData(PaymentSort.StartedDescending, "-started")]
        [InlineData(PaymentSort.StartedAscending, "started")]
        [InlineData(PaymentSort.PaidDescending, "-paid")]
        [InlineData(PaymentSort.PaidAscending, "paid")]
        [InlineData(PaymentSort.UpdatedDescending, "-updated")]
        [InlineData(PaymentSort.UpdatedAscending, "updated")]
        public void Each_sort_has_the_api_s_spelling(PaymentSort sort, string spelling)
        {
            Assert.Equal(spelling, sort.ToApiString());
        }

        [Fact]
        public void Models_print_readably_in_a_table_or_a_csv()
        {
            var cancel = new PaymentCancelAnnotation { Amount = 1500m, CancelledAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Reason = "고객 요청" };
            Assert.Equal("1500 2023-11-14T22:13:20.0000000+00:00 고객 요청", cancel.ToString());
            var history = new PaymentCancelHistory { cancel, new PaymentCancelAnnotation { Amount = 10m, Reason = "partial" } };
            Assert.Equal("1500 2023-11-14T22:13:20.0000000+00:00 고객 요청; 10  partial", history.ToString());
            Assert.Equal("promo_1 (1000.5)", new PaymentPromotion { Id = "promo_1", Discount = 1000.5m }.ToString());
            Assert.Equal("a; b", new TextList { "a", "b" }.ToString());
            var deposit = new VbankDepositAnnotation { Amount = 20000m, DepositedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), DepositorName = "홍길동" };
            Assert.Equal("20000 2023-11-14T22:13:20.0000000+00:00 홍길동", deposit.ToString());
            Assert.Empty(Parse("").DepositHistory);
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("false", false)]
        [InlineData("1", true)]
        [InlineData("0", false)]
        [InlineData("2", true)]
        [InlineData("\"1\"", true)]
        [InlineData("\"0\"", false)]
        [InlineData("\"True\"", true)]
        [InlineData("\"false\"", false)]
        public void Booleans_come_as_booleans_numbers_or_text(string value, bool expected)
        {
            Assert.Equal(expected, Parse(",\"sandbox\":" + value).Sandbox);
            Assert.Equal(expected, Parse(",\"escrow\":" + value).Escrow);
        }

        [Theory]
        [InlineData("null")]
        [InlineData("\"yes\"")]
        [InlineData("1.5")]
        [InlineData("[1]")]
        [InlineData("{\"a\":1}")]
        public void A_boolean_that_is_none_of_those_is_false_or_unknown(string value)
        {
            Assert.False(Parse(",\"sandbox\":" + value).Sandbox);
            Assert.Null(Parse(",\"escrow\":" + value).Escrow);
        }

        [Theory]
        [InlineData("3", 3)]
        [InlineData("\"3\"", 3)]
        [InlineData("2147483647", int.MaxValue)]
        [InlineData("-2147483648", int.MinValue)]
        [InlineData("2147483648", null)]
        [InlineData("-2147483649", null)]
        [InlineData("\"\"", null)]
        [InlineData("null", null)]
        public void Card_quota_takes_any_integer_spelling_and_drops_what_an_int_cannot_hold(string value, int? expected)
        {
            Assert.Equal(expected, Parse(",\"card_quota\":" + value).CardQuota);
        }

        [Theory]
        [InlineData("253402214399", false)]                // the last second any time zone can show: a time
        [InlineData("253402214400", true)]                 // one past it, and a millisecond-sized number
        [InlineData("1700000000000", true)]
        [InlineData("9999999999999", true)]
        [InlineData("10000000000000", false)]              // too large for milliseconds too
        [InlineData("\"1700000000000\"", true)]
        public void A_time_beyond_any_date_is_refused_and_says_when_it_looks_like_milliseconds(string value, bool looksLikeMilliseconds)
        {
            if (value == "253402214399")
            {
                Assert.NotNull(Parse(",\"paid_at\":" + value).PaidAt);
                return;
            }
            var failure = Assert.ThrowsAny<JsonException>(() => Parse(",\"paid_at\":" + value));
            Assert.StartsWith($"{value.Trim('"')}, not a time in unix seconds", failure.Message);
            Assert.Equal(looksLikeMilliseconds, failure.Message.Contains(" (it looks like milliseconds)"));
        }

        [Fact]
        public void A_time_before_any_date_is_refused_without_a_milliseconds_hint()
        {
            var failure = Assert.ThrowsAny<JsonException>(() => Parse(",\"paid_at\":-62135510401"));
            Assert.StartsWith("-62135510401, not a time in unix seconds", failure.Message);
            Assert.DoesNotContain("milliseconds", failure.Message);
            Assert.NotNull(Parse(",\"paid_at\":-62135510400").PaidAt);
        }
    }
}
