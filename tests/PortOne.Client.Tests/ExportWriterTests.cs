using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using PortOne.Export;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>The files Export-PortOnePayment writes: CSV as RFC 4180 and the stated columns say, JSON Lines as PortOne sent it.</summary>
    public sealed class ExportWriterTests : IDisposable
    {
        // Korean text, a comma, quotes and a line break in a name; a USD amount; cancellations, a deposit, a promotion, an unknown field.
        private const string Sent =
            "{ \"imp_uid\" : \"imp_1\", \"merchant_uid\":\"m_1\", \"name\":\"반려견 사료, \\\"특가\\\"\\n2건\", \"amount\":14.2, \"cancel_amount\":3.5," +
            "\"currency\":\"USD\",\"status\":\"paid\",\"sandbox\":false,\"escrow\":null,\"card_quota\":3,\n  \"started_at\":1700000000,\"paid_at\":1700000005," +
            "\"buyer_name\":\"\\uD64D\\uAE38\\uB3D9\",\"buyer_addr\":\"서울특별시\\r\\n강남구\",\"custom_data\":{\"a\":[1,2]},\"cancel_history\":[{\"amount\":1.5,\"cancelled_at\":1700000100,\"reason\":\"x\"}," +
            "{\"amount\":2,\"cancelled_at\":1700000200}],\"deposit_history\":[{\"amount\":7,\"deposited_at\":1700000050}],\"promotion\":{\"id\":\"p1\",\"discount\":500}," +
            "\"cancel_receipt_urls\":[\"https://r/1\",\"https://r/2\"],\"added_later\":{\"k\":\"한\"}}";

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-writer-" + Guid.NewGuid().ToString("N"));

        public ExportWriterTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static PaymentAnnotation Parse(string json, RowFormat? rows = null)
        {
            string page = "{\"code\":0,\"message\":null,\"response\":{\"total\":1,\"previous\":0,\"next\":0,\"list\":[" + json + "]}}";
            var envelope = JsonSerializer.Deserialize(page, rows?.Page ?? PortOneJsonContext.Default.ApiEnvelopePaymentPage);
            return envelope!.Response!.List![0];
        }

        /// <summary>A payment read for a CSV export: with its row.</summary>
        private static PaymentAnnotation CsvRead(string json, bool asUtc = false) =>
            Parse(json, RowFormat.For(PaymentExportFormat.Csv, asUtc, wholePayments: false));

        /// <summary>A payment read for a JSON Lines export: with its JSON as sent.</summary>
        private static PaymentAnnotation JsonLinesRead(string json) =>
            Parse(json, RowFormat.For(PaymentExportFormat.JsonLines, asUtc: false, wholePayments: true));

        private static byte[] Write(PaymentExportFormat format, PaymentAnnotation payment, Encoding? encoding = null)
        {
            using var stream = new MemoryStream();
            using (PaymentRowWriter writer = PaymentRowWriter.Create(format, stream, encoding))
            {
                writer.Begin();
                writer.Write(payment);
                writer.Flush();
            }
            return stream.ToArray();
        }

        private string CsvOf(PaymentAnnotation payment)
        {
            string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllBytes(path, Write(PaymentExportFormat.Csv, payment));
            return path;
        }

        [Fact]
        public void A_CSV_row_quotes_only_fields_with_a_comma_quote_or_line_break_and_reads_back_as_written()
        {
            PaymentAnnotation payment = CsvRead(Sent);
            string text = Encoding.UTF8.GetString(Write(PaymentExportFormat.Csv, payment));
            Assert.Contains(",\"반려견 사료, \"\"특가\"\"\n2건\",", text);
            Assert.Contains(",imp_1,", "," + text.Split("\r\n")[1]);
            Assert.EndsWith("\r\n", text);
            var row = ExportFiles.ReadCsv(CsvOf(payment)).Single();
            Assert.Equal("반려견 사료, \"특가\"\n2건", row["Name"]);
            Assert.Equal("홍길동", row["BuyerName"]);
            Assert.Equal("서울특별시\r\n강남구", row["BuyerAddr"]); // a line break alone is quoted too
            Assert.Equal("{\"a\":[1,2]}", row["CustomData"]);
        }

        [Fact]
        public void The_header_is_the_stated_columns_and_every_row_has_one_field_per_column()
        {
            string[] header = Encoding.UTF8.GetString(Write(PaymentExportFormat.Csv, CsvRead(Sent))).TrimStart('\uFEFF').Split("\r\n")[0].Split(',');
            Assert.Equal(CsvColumns.Names, header);
            Assert.Equal(TypedCsvRow.Names, header);
            Assert.Equal(60, header.Length);
            Assert.Equal(header.Length, header.Distinct().Count());
            Assert.Equal(header.Length, ExportFiles.ReadCsv(CsvOf(CsvRead(Sent))).Single().Count);
        }

        [Fact]
        public void CSV_is_UTF8_with_a_byte_order_mark_and_JSON_Lines_without_unless_told_otherwise()
        {
            PaymentAnnotation payment = JsonLinesRead(Sent);
            PaymentAnnotation csv = CsvRead(Sent);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, Write(PaymentExportFormat.Csv, csv).Take(3));
            Assert.Equal((byte)'{', Write(PaymentExportFormat.JsonLines, payment)[0]);
            Assert.Equal((byte)'I', Write(PaymentExportFormat.Csv, csv, new UTF8Encoding(false))[0]);
            Assert.Equal(new byte[] { 0xFF, 0xFE }, Write(PaymentExportFormat.Csv, csv, new UnicodeEncoding(false, true)).Take(2));
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, Write(PaymentExportFormat.JsonLines, payment, new UTF8Encoding(true)).Take(3));
            byte[] utf16 = Write(PaymentExportFormat.JsonLines, payment, new UnicodeEncoding(false, true));
            Assert.StartsWith("{\"imp_uid\":\"imp_1\"", Encoding.Unicode.GetString(utf16, 2, utf16.Length - 2));
        }

        [Fact]
        public void Money_is_written_in_the_invariant_culture_whatever_the_machine_s()
        {
            CultureInfo before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                var row = ExportFiles.ReadCsv(CsvOf(CsvRead(Sent))).Single();
                Assert.Equal("14.2", row["Amount"]);
                Assert.Equal("3.5", row["CancelAmount"]);
                Assert.Equal("500", row["PromotionDiscount"]);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }

        [Theory]
        [InlineData(9, 0, "2023-11-15T07:13:20+09:00")]
        [InlineData(-3, -30, "2023-11-14T18:43:20-03:30")]
        [InlineData(0, 0, "2023-11-14T22:13:20+00:00")]
        public void Times_are_ISO_8601_with_their_offset(int hours, int minutes, string expected)
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(1700000000).ToOffset(new TimeSpan(hours, minutes, 0));
            var buffer = new byte[27];
            Assert.Equal(25, CsvRow.FormatTime(time, buffer, 2));
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 2, 25));
        }

        [Fact]
        public void Times_are_local_by_default_and_UTC_with_AsUtc()
        {
            var local = ExportFiles.ReadCsv(CsvOf(CsvRead(Sent))).Single();
            var utc = ExportFiles.ReadCsv(CsvOf(CsvRead(Sent, asUtc: true))).Single();
            TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(1700000005));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000005).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), local["PaidAt"]);
            Assert.Equal("2023-11-14T22:13:25+00:00", utc["PaidAt"]);
            Assert.Equal("", utc["FailedAt"]);
        }

        [Fact]
        public void Nested_values_are_flattened_as_stated()
        {
            var row = ExportFiles.ReadCsv(CsvOf(CsvRead(Sent, asUtc: true))).Single();
            Assert.Equal("2", row["CancelHistoryCount"]);
            Assert.Equal("3.5", row["CancelHistoryAmount"]);
            Assert.Equal("2023-11-14T22:16:40+00:00", row["CancelHistoryLastAt"]);
            Assert.Equal("1", row["DepositHistoryCount"]);
            Assert.Equal("7", row["DepositHistoryAmount"]);
            Assert.Equal("p1", row["PromotionId"]);
            Assert.Equal("https://r/1 https://r/2", row["CancelReceiptUrls"]);
            Assert.Equal("{\"added_later\":{\"k\":\"한\"}}", row["AdditionalFields"]);
            Assert.Equal("3", row["CardQuota"]);
            Assert.Equal("", row["Escrow"]);
            Assert.Equal("false", row["Sandbox"]);
        }

        [Fact]
        public void A_JSON_Lines_row_is_the_payment_as_PortOne_sent_it_on_one_line()
        {
            string line = Encoding.UTF8.GetString(Write(PaymentExportFormat.JsonLines, JsonLinesRead(Sent)));
            // Every name, value, escape and the order as sent; only the whitespace between tokens is gone.
            string expected = Sent.Replace("{ \"imp_uid\" : ", "{\"imp_uid\":").Replace(", \"", ",\"").Replace(",\n  \"", ",\"") + "\n";
            Assert.Equal(expected, line);
            Assert.Single(line.Split('\n'), l => l.Length > 0);
            using JsonDocument reread = JsonDocument.Parse(line);
            Assert.Equal("\\uD64D\\uAE38\\uB3D9", line.Split("\"buyer_name\":\"")[1].Split('"')[0]);
        }

        [Fact]
        public void A_read_keeps_rows_only_when_asked()
        {
            Assert.Null(Parse(Sent).Row);
            Assert.NotNull(JsonLinesRead(Sent).Row);
            Assert.NotNull(CsvRead(Sent).Row);
            Assert.Throws<InvalidOperationException>(() => Write(PaymentExportFormat.JsonLines, Parse(Sent)));
            Assert.Throws<InvalidOperationException>(() => Write(PaymentExportFormat.Csv, Parse(Sent)));
        }

        [Fact]
        public void AdditionalFields_print_as_a_JSON_object_and_read_as_text()
        {
            PaymentAnnotation payment = Parse(Sent);
            Assert.Equal("{\"added_later\":{\"k\":\"한\"}}", payment.AdditionalFields!.ToString());
            Assert.Equal("{\"k\":\"한\"}", payment.AdditionalFields["added_later"]);
            Assert.Null(Parse("{\"imp_uid\":\"imp_2\"}").AdditionalFields);
        }

        [Fact]
        public void Fields_are_read_in_any_order_from_escaped_names_and_text_fields_take_any_value()
        {
            Parse(Sent); // teaches the reader Sent's order
            PaymentAnnotation p = Parse("{\"paid_at\":1700000005,\"status\":\"paid\",\"imp\\u005Fuid\":\"imp_9\",\"pg_id\":12345,\"buyer_tel\":null,\"name\":[\"a\"]}");
            Assert.Equal("imp_9", p.ImpUid);
            Assert.Equal("paid", p.Status);
            Assert.Equal(1700000005, p.PaidAt!.Value.ToUnixTimeSeconds());
            Assert.Equal("12345", p.PgId);
            Assert.Null(p.BuyerTel);
            Assert.Equal("[\"a\"]", p.Name);
        }

        [Fact]
        public void A_plain_export_replaces_the_file_only_once_the_whole_read_is_written()
        {
            string path = Path.Combine(_folder, "paid.csv");
            File.WriteAllText(path, "yesterday's file");
            var ledger = new FakeLedger();
            for (int i = 0; i < 2500; i++) ledger.Add("paid", 1_690_000_000 + i * 40, 1_690_000_010 + i * 40);
            using PortOneClient client = FakeApi.Client(new FakeApi(ledger.Answer));
            var query = new PaymentQuery { Status = PaymentStatus.Paid, From = DateTimeOffset.FromUnixTimeSeconds(1_680_000_000), To = DateTimeOffset.FromUnixTimeSeconds(1_695_000_000) };
            int seen = 0;
            var failing = new PaymentExporter(PaymentExportFormat.Csv) { PaymentWritten = _ => { if (++seen == 1500) throw new IOException("downstream"); } };
            Assert.Throws<IOException>(() => failing.Export(client, query, path, null, CancellationToken.None));
            Assert.Equal("yesterday's file", File.ReadAllText(path));
            Assert.False(File.Exists(path + ".tmp"));

            ExportSummary summary = new PaymentExporter(PaymentExportFormat.Csv).Export(client, query, path, null, CancellationToken.None);
            Assert.Equal(2500, summary.Rows);
            Assert.Equal(Path.GetFullPath(path), summary.Path);
            Assert.Equal(2500, ExportFiles.ReadCsv(path).Count);
            Assert.Equal(1_695_000_000, summary.To.ToUnixTimeSeconds());
        }
    }
}
