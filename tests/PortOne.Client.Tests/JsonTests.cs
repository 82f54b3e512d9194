using System;
using System.Linq;
using System.Text.Json;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    public class JsonTests
    {
        private static PaymentAnnotation Parse(string paymentJson)
        {
            var envelope = JsonSerializer.Deserialize("{\"code\":0,\"message\":null,\"response\":" + paymentJson + "}",
                PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation);
            return envelope!.Response!;
        }

        [Fact]
        public void Usd_amounts_keep_their_cents_as_decimal()
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":14.2,\"cancel_amount\":0.1,\"currency\":\"USD\",\"status\":\"paid\",\"sandbox\":false}");
            Assert.Equal(14.2m, p.Amount);
            Assert.Equal(0.1m, p.CancelAmount);
        }

        [Fact]
        public void Zero_timestamps_are_null_and_others_are_the_same_instant()
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":false,\"started_at\":1700000000,\"paid_at\":1700000005,\"failed_at\":0,\"cancelled_at\":0}");
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000005), p.PaidAt);
            Assert.Null(p.FailedAt);
            Assert.Null(p.CancelledAt);
        }

        [Theory]
        [InlineData("null", null)]
        [InlineData("1", 1)]
        [InlineData("\"0\"", 0)]
        [InlineData("\"credit\"", null)]
        public void Card_type_is_read_from_whatever_a_PG_sends(string json, int? expected)
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":false,\"card_type\":" + json + "}");
            Assert.Equal(expected, p.CardType);
        }

        [Fact]
        public void Unknown_fields_and_enum_values_are_kept_readable()
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":false,\"pay_method\":\"crypto\",\"brand_new\":{\"a\":1},\"promotion_id\":\"promo_9\"}");
            Assert.Equal("crypto", p.PayMethod);
            Assert.Equal("{\"a\":1}", p.AdditionalFields!["brand_new"]);
            Assert.Equal("promo_9", p.AdditionalFields["promotion_id"]);
        }

        [Fact]
        public void Cancel_history_and_custom_data_read_as_the_spec_says()
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":5000,\"cancel_amount\":2000,\"currency\":\"KRW\",\"status\":\"paid\",\"sandbox\":true," +
                          "\"custom_data\":\"{\\\"order\\\":7}\",\"cancel_history\":[{\"pg_tid\":\"t\",\"amount\":2000,\"cancelled_at\":1700000100,\"reason\":\"부분취소\",\"cancellation_id\":\"c1\",\"receipt_url\":null}],\"cancel_receipt_urls\":null}");
            Assert.Equal("{\"order\":7}", p.CustomData);
            var cancel = Assert.Single(p.CancelHistory);
            Assert.Equal(2000m, cancel.Amount);
            Assert.Equal("부분취소", cancel.Reason);
            Assert.Empty(p.CancelReceiptUrls);
            Assert.True(p.Sandbox);
        }

        [Fact]
        public void The_warm_up_sample_is_a_valid_page_with_every_kind_of_value()
        {
            // If the sample broke, the warm-up would silently warm nothing.
            var page = JsonSerializer.Deserialize(JsonWarmUp.SamplePage, PortOneJsonContext.Default.ApiEnvelopePaymentPage)!.Response!;
            var p = Assert.Single(page.List!);
            Assert.Equal(14.2m, p.Amount);
            Assert.Null(p.CardType);
            Assert.NotNull(p.PaidAt);
            Assert.Single(p.CancelHistory);
            Assert.Single(p.CancelReceiptUrls);
            Assert.Equal("1", p.AdditionalFields!["added_later"]);
        }

        [Fact]
        public void Null_lists_read_as_empty_lists()
        {
            var p = Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\",\"amount\":1,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"ready\",\"sandbox\":false,\"cancel_history\":null}");
            Assert.NotNull(p.CancelHistory);
            Assert.Empty(p.CancelHistory);
            Assert.Null(p.AdditionalFields);
        }
    }
}
