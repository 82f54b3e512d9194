using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using PortOne.Export;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// An export's pages read straight from their bytes (<see cref="CsvPageScanner"/>) against the serializer's read of
    /// the same bytes (<see cref="RowFormat.Page"/>): a page the scanner takes gives the same rows and slim payments;
    /// a page it leaves (null) goes to the serializer, so a broken page fails as it always did. Random pages of tricky
    /// values and random damage to whole pages are shrunk to the smallest that differs.
    /// </summary>
    public sealed class CsvPageScannerTests
    {
        // Payments as the emulator sends them (receipt hosts made neutral): paid, and paid then partly refunded.
        private const string Paid =
            "{\"amount\":36600,\"apply_num\":\"37499194\",\"bank_code\":null,\"bank_name\":null,\"buyer_addr\":\"서울특별시 송파구 백제고분로 51, 111동 501호\"," +
            "\"buyer_email\":\"moon2036@icloud.com\",\"buyer_name\":\"강예준\",\"buyer_postcode\":\"05587\",\"buyer_tel\":\"010-3585-5030\",\"cancel_amount\":0," +
            "\"cancel_history\":[],\"cancel_reason\":null,\"cancel_receipt_urls\":[],\"cancelled_at\":0,\"card_code\":\"365\",\"card_issuer_code\":\"365\"," +
            "\"card_issuer_name\":\"삼성카드\",\"card_name\":\"삼성카드\",\"card_number\":\"536181******7236\",\"card_publisher_code\":\"365\"," +
            "\"card_publisher_name\":\"삼성카드\",\"card_quota\":0,\"card_type\":1,\"cash_receipt_issued\":false,\"channel\":\"mobile\",\"currency\":\"KRW\"," +
            "\"custom_data\":\"{\\\"channel\\\":\\\"app\\\",\\\"campaign\\\":\\\"summer_sale\\\",\\\"ref\\\":\\\"7144\\\"}\",\"customer_uid\":null," +
            "\"customer_uid_usage\":null,\"deposit_history\":null,\"emb_pg_provider\":null,\"escrow\":false,\"fail_reason\":null,\"failed_at\":0," +
            "\"imp_uid\":\"imp_356264575794\",\"merchant_uid\":\"order_20261130_000125\",\"name\":\"선크림 SPF50+ 외 1건\",\"paid_at\":1796002350," +
            "\"pay_method\":\"card\",\"pg_id\":\"2999199999\",\"pg_provider\":\"newpg\",\"pg_tid\":\"C9F5459AA255B06BF2AA\",\"promotion\":null," +
            "\"receipt_url\":\"https://receipt.example/credit_view?tr_no=C9F5459AA255B06BF2AA\",\"sandbox\":true,\"started_at\":1796002339,\"status\":\"paid\"," +
            "\"user_agent\":\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1\"," +
            "\"vbank_code\":null,\"vbank_date\":0,\"vbank_holder\":null,\"vbank_issued_at\":0,\"vbank_name\":null,\"vbank_num\":null}";

        private static readonly string Refunded = Paid
            .Replace("\"cancel_amount\":0", "\"cancel_amount\":3900")
            .Replace("\"cancel_history\":[]", "\"cancel_history\":[{\"amount\":3900,\"cancellation_id\":\"01M8N0NNCWW8ME2XVYN7P4QGN2\"," +
                "\"cancelled_at\":1796001682,\"pg_tid\":\"T5aa6de39492ada175da\",\"reason\":\"쿠폰 적용 누락 차액 환불\",\"receipt_url\":\"https://receipt.example/p/T5\"}]")
            .Replace("\"cancel_receipt_urls\":[]", "\"cancel_receipt_urls\":[\"https://receipt.example/p/T5\"]")
            .Replace("imp_356264575794", "imp_356264575795");

        private static readonly byte[] Structure = Encoding.UTF8.GetBytes("\"\\,:{}[]0-.enE+ \u0001").Concat(new byte[] { 0xC3, 0x80 }).ToArray();

        [Fact]
        public void A_page_as_PortOne_sends_it_is_read_by_the_scanner_as_the_serializer_reads_it()
        {
            foreach (bool asUtc in new[] { false, true })
            {
                byte[] page = Page(new[] { Paid, Refunded, Paid.Replace("imp_356264575794", "imp_356264575796") }, " ", reversed: false);
                ApiEnvelope<PaymentPage>? scanned = new CsvPageScanner(asUtc).TryRead(page);
                Assert.NotNull(scanned);
                AssertSame(JsonSerializer.Deserialize(page, RowFormat.For(PaymentExportFormat.Csv, asUtc, false).Page)!, scanned!);
                Assert.Equal(3, scanned!.Response!.List!.Count);
                Assert.Single(scanned.Response.List[1].CancelHistory);
            }
        }

        /// <summary>
        /// An export holds a few thousand payments ahead of its writer: each made for a CSV file costs its row and what the
        /// read keeps, not the fields the row already has (1.4 KB with its row; 1.8 KB when the payment made room for all).
        /// </summary>
        [Fact]
        public void A_payment_read_for_a_CSV_file_costs_its_row_and_what_the_read_keeps()
        {
            string[] payments = Enumerable.Range(0, 200).Select(i => (i % 10 == 0 ? Refunded : Paid).Replace("imp_35626457579", "imp_9" + i.ToString("D5"))).ToArray();
            byte[] page = Page(payments, "", reversed: false);
            RowFormat rows = RowFormat.For(PaymentExportFormat.Csv, false, false);
            rows.ParsePage(page);
            long before = GC.GetAllocatedBytesForCurrentThread();
            ApiEnvelope<PaymentPage> read = rows.ParsePage(page)!;
            long perPayment = (GC.GetAllocatedBytesForCurrentThread() - before) / read.Response!.List!.Count;
            long rowBytes = (long)read.Response.List.Average(p => p.Row!.Length);
            Assert.True(perPayment < rowBytes + 800, $"{perPayment} bytes a payment, of which the row {rowBytes}");
        }

        [Fact]
        public void Random_pages_of_tricky_values_are_read_as_the_serializer_reads_them_or_left_to_it()
        {
            int taken = 0;
            // A payment: (field, value) choices, a field past the last meaning an unknown field.
            Gen<string> payment = Gen.Select(Gen.Int[0, CsvColumns.Fields.Length], Gen.Int[0, 1000]).Array[0, 12].Select(Payment);
            Gen.Select(payment.Array[0, 3], Gen.Int[0, Spaces.Length - 1], Gen.Bool).Sample((payments, space, reversed) =>
            {
                byte[] page = Page(payments, Spaces[space], reversed);
                foreach (bool asUtc in new[] { false, true })
                {
                    ApiEnvelope<PaymentPage>? scanned = new CsvPageScanner(asUtc).TryRead(page);
                    (ApiEnvelope<PaymentPage>? serialized, Exception? refused) = Serialize(page, asUtc);
                    if (scanned == null) continue;
                    taken++;
                    Assert.True(refused == null, $"The scanner took a page the serializer refuses ({refused?.Message}): {Encoding.UTF8.GetString(page)}");
                    AssertSame(serialized!, scanned);
                }
            }, iter: 2000);
            Assert.True(taken > 1000, $"The scanner took {taken} of 4,000 random pages: it leaves plain ones to the serializer");
        }

        [Fact]
        public void A_damaged_page_fails_as_the_serializer_fails_it_or_reads_the_same()
        {
            Gen<byte[]> pages = Gen.OneOf(
                Page(new[] { Paid }, "", reversed: false), Page(new[] { Refunded, Paid }, " ", reversed: true),
                Page(new[] { "{\"imp_uid\":\"imp_1\",\"amount\":-0.5,\"name\":\"a\\\"b\",\"paid_at\":1700000000,\"escrow\":null,\"x\":[1,{\"y\":null}]}" }, "\n", reversed: false));
            // Damage: (position, what): delete the byte, or put one of the structural bytes in its place or before it.
            Gen<(int Position, int Kind)[]> damage = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 2 * Structure.Length]).Array[1, 3];
            Gen.Select(pages, damage).Sample((original, cuts) =>
            {
                var bytes = new List<byte>(original);
                foreach ((int at, int kind) in cuts)
                {
                    int i = at % bytes.Count;
                    if (kind == 0) bytes.RemoveAt(i);
                    else if (kind <= Structure.Length) bytes[i] = Structure[kind - 1];
                    else bytes.Insert(i, Structure[kind - Structure.Length - 1]);
                }
                byte[] page = bytes.ToArray();
                RowFormat rows = RowFormat.For(PaymentExportFormat.Csv, false, false);
                (ApiEnvelope<PaymentPage>? serialized, Exception? refused) = Serialize(page, false);
                ApiEnvelope<PaymentPage>? parsed;
                try
                {
                    parsed = rows.ParsePage(page);
                }
                catch (Exception e)
                {
                    Assert.True(refused != null, $"Refused ({e.Message}) a page the serializer reads: {Encoding.UTF8.GetString(page)}");
                    Assert.Equal(refused!.GetType(), e.GetType());
                    Assert.Equal(refused.Message, e.Message);
                    return;
                }
                Assert.True(refused == null, $"Read a page the serializer refuses ({refused?.Message}): {Encoding.UTF8.GetString(page)}");
                AssertSame(serialized!, parsed!);
            }, iter: 3000);
        }

        /// <summary>Tokens the JSON grammar refuses, each in a field of every kind: the page fails as the serializer fails it.</summary>
        [Theory]
        [InlineData("01")]
        [InlineData("-")]
        [InlineData("1.")]
        [InlineData(".5")]
        [InlineData("1e")]
        [InlineData("--1")]
        [InlineData("+1")]
        [InlineData("1x")]
        [InlineData("0x10")]
        [InlineData("tru")]
        [InlineData("nulll")]
        [InlineData("True")]
        [InlineData("\"a\u0001b\"")]
        [InlineData("\"a")]
        [InlineData("'a'")]
        [InlineData("[1,]")]
        [InlineData("{,}")]
        [InlineData("1 2")]
        public void A_token_JSON_refuses_is_refused_as_the_serializer_refuses_it(string token)
        {
            foreach (string field in new[] { "card_quota", "amount", "paid_at", "escrow", "sandbox", "name", "imp_uid", "cancel_history", "added_later" })
            {
                string payment = Paid.Replace("\"vbank_num\":null}", "\"vbank_num\":null,\"" + field + "\":" + token + "}");
                byte[] page = Page(new[] { payment }, "", reversed: false);
                (_, Exception? refused) = Serialize(page, false);
                Assert.NotNull(refused);
                Exception e = Assert.ThrowsAny<Exception>(() => RowFormat.For(PaymentExportFormat.Csv, false, false).ParsePage(page));
                Assert.Equal(refused!.GetType(), e.GetType());
                Assert.Equal(refused.Message, e.Message);
            }
        }

        /// <summary>Numbers with an exponent and escaped text are read by a reader on the value, not by leaving the page.</summary>
        [Fact]
        public void Values_the_scanner_does_not_take_itself_keep_the_page_its_own()
        {
            string payment = Paid.Replace("\"amount\":36600", "\"amount\":3.66e4").Replace("\"card_quota\":0", "\"card_quota\":\"0\"")
                .Replace("\"buyer_name\":\"강예준\"", "\"buyer_name\":\"\\uAC15\\uC608\\uC900\"").Replace("\"escrow\":false", "\"escrow\":0");
            byte[] page = Page(new[] { payment }, " ", reversed: true);
            ApiEnvelope<PaymentPage>? scanned = new CsvPageScanner(false).TryRead(page);
            Assert.NotNull(scanned);
            AssertSame(JsonSerializer.Deserialize(page, RowFormat.For(PaymentExportFormat.Csv, false, false).Page)!, scanned!);
        }

        [Theory]
        [InlineData(58)]
        [InlineData(59)]
        [InlineData(60)]
        [InlineData(61)]
        public void Values_nested_near_the_depth_limit_are_judged_as_the_serializer_judges_them(int depth)
        {
            string nested = new string('[', depth) + new string(']', depth);
            byte[] page = Page(new[] { "{\"imp_uid\":\"imp_1\",\"deep\":" + nested + "}" }, "", reversed: false);
            (ApiEnvelope<PaymentPage>? serialized, Exception? refused) = Serialize(page, false);
            ApiEnvelope<PaymentPage>? scanned = new CsvPageScanner(false).TryRead(page);
            if (refused != null) Assert.Null(scanned);
            else AssertSame(serialized!, scanned ?? throw new Xunit.Sdk.XunitException($"depth {depth}: read by the serializer, left by the scanner"));
        }

        private static readonly string[] Spaces = { "", " ", "\n", "\t ", "\r\n  " };

        private static string Payment((int Field, int Value)[] choices)
        {
            var fields = new List<string>();
            foreach ((int field, int value) in choices)
            {
                if (field == CsvColumns.Fields.Length)
                {
                    fields.Add(CsvRowTests.Unknown[value % CsvRowTests.Unknown.Length]);
                    continue;
                }
                string[] values = CsvRowTests.ValuesOf(CsvColumns.Fields[field].Value);
                fields.Add("\"" + CsvColumns.Fields[field].JsonName + "\":" + values[value % values.Length]);
            }
            return "{" + string.Join(",", fields) + "}";
        }

        /// <summary>A page of these payments, the tokens of its envelope apart by <paramref name="space"/>, its fields in either order.</summary>
        private static byte[] Page(IReadOnlyList<string> payments, string space, bool reversed)
        {
            string s = space;
            string list = "\"list\"" + s + ":" + s + "[" + s + string.Join(s + "," + s, payments) + s + "]";
            string[] counts = { "\"total\"" + s + ":" + s + payments.Count, "\"previous\":0", "\"next\":" + s + "2" };
            string response = "{" + s + string.Join("," + s, reversed ? new[] { list }.Concat(counts) : counts.Concat(new[] { list })) + s + "}";
            string[] envelope = { "\"code\":" + s + "0", "\"message\":null", "\"response\":" + s + response };
            if (reversed) Array.Reverse(envelope);
            return Encoding.UTF8.GetBytes(s + "{" + s + string.Join(s + "," + s, envelope) + s + "}" + s);
        }

        private static (ApiEnvelope<PaymentPage>? Page, Exception? Refused) Serialize(byte[] page, bool asUtc)
        {
            try
            {
                return (JsonSerializer.Deserialize(page, RowFormat.For(PaymentExportFormat.Csv, asUtc, false).Page), null);
            }
            catch (Exception e)
            {
                return (null, e);
            }
        }

        private static void AssertSame(ApiEnvelope<PaymentPage> expected, ApiEnvelope<PaymentPage> actual)
        {
            Assert.Equal(expected.Code, actual.Code);
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(expected.Response == null, actual.Response == null);
            if (expected.Response == null) return; // a damaged name: the serializer leaves it out
            Assert.Equal(expected.Response.List == null, actual.Response!.List == null);
            if (expected.Response.List == null) return;
            Assert.Equal(expected.Response.Total, actual.Response.Total);
            Assert.Equal(expected.Response.Previous, actual.Response.Previous);
            Assert.Equal(expected.Response.Next, actual.Response.Next);
            Assert.Equal(expected.Response.List!.Count, actual.Response.List!.Count);
            for (int i = 0; i < expected.Response.List.Count; i++)
            {
                PaymentAnnotation e = expected.Response.List[i], a = actual.Response.List[i];
                Assert.Equal(Encoding.UTF8.GetString(e.Row!), Encoding.UTF8.GetString(a.Row!));
                SlimPaymentAssert.Same(e, a);
                Assert.Equal(e.UnknownFields?.Select(f => f.Key + "=" + f.Value.GetRawText()), a.UnknownFields?.Select(f => f.Key + "=" + f.Value.GetRawText()));
            }
        }
    }
}
