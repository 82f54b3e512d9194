using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PortOne.Export;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// CSV rows made straight from the JSON (<see cref="CsvPaymentReader"/>) against the rows the typed payment made
    /// before (<see cref="TypedCsvRow"/>): byte for byte, over tricky values of every kind, in random payments, and
    /// failing where the typed read fails, with the same message.
    /// </summary>
    public sealed class CsvRowTests
    {
        // JSON values per kind of field: quotes, commas, line breaks, Korean, escapes, surrogate pairs, nulls, numbers
        // as strings, values of another type, huge and odd numbers.
        internal static readonly string[] Texts =
        {
            "\"plain\"", "\"a,b\"", "\"say \\\"hi\\\"\"", "\"line\\nbreak\"", "\"cr\\rlf\"", "\"반려견 사료, 특가\"", "\"caf\\u00e9\"",
            "\"\\ud83d\\ude00 pair\"", "\"😀 raw\"", "\"\"", "null", "12345", "-1.50", "true", "false", "{\"a\":[1, 2]}",
            "[\"x\",\"y\"]", "{ \"spaced\" : \"obj\" }", "\"tab\\there\"", "\"\\/slash\"", "\"comma, \\\"quote\\\" and \\r\\n\"",
            "\"\\uD64D\\uAE38\\uB3D9\"", "\"서울특별시\\r\\n강남구\"", "\"{\\\"channel\\\":\\\"app\\\"}\"", "1e400",
        };

        internal static readonly string[] Money =
        {
            "0", "14.2", "14.20", "-0", "-0.0", "-3.5", "1e3", "1E+2", "\"1,000\"", "\"12.5\"", "null", "true", "\"abc\"",
            "79228162514264337593543950335", "79228162514264337593543950336", "100000000000000000000", "1.0e0", "-0.5",
            "123456789012345678901234", "0.1000000000000000000000000001", "36600", "[1]", "{\"a\":1}", "\"\"", "1e400",
        };

        internal static readonly string[] Integers =
        {
            "0", "3", "-1", "2147483647", "2147483648", "999999999", "1000000000", "3.7", "-0", "\"12\"", "\"\"", "null",
            "true", "1e2", "-2147483648", "-2147483649", "\" 7 \"", "[0]",
        };

        internal static readonly string[] Flags =
        {
            "true", "false", "null", "0", "1", "\"true\"", "\"1\"", "\"0\"", "\"yes\"", "2", "{}", "\"False\"", "1.5",
        };

        internal static readonly string[] Times =
        {
            "0", "1700000000", "\"1700000000\"", "null", "1700000000.5", "-1", "\"\"", "1795992025", "\"x\"", "true", "[1]",
        };

        internal static readonly string[] CancelHistories =
        {
            "null", "[]", "[{\"amount\":1.5,\"cancelled_at\":1700000100,\"reason\":\"x, y\"}]",
            "[{\"amount\":\"2\",\"cancelled_at\":0},{\"amount\":3,\"cancelled_at\":1700000200},{\"amount\":1e2,\"cancelled_at\":1700000150}]",
        };

        internal static readonly string[] DepositHistories =
        {
            "null", "[]", "[{\"amount\":7,\"deposited_at\":1700000050}]", "[{\"amount\":0.10,\"deposited_at\":null},{\"amount\":-1,\"deposited_at\":1}]",
        };

        internal static readonly string[] Promotions =
        {
            "null", "{\"id\":\"p1\",\"discount\":500}", "{\"id\":null}", "{}", "{\"id\":\"a,\\\"b\\\"\",\"discount\":\"1.50\",\"extra\":1}",
        };

        internal static readonly string[] TextLists =
        {
            "null", "[]", "[\"https://r/1\",\"https://r/2\"]", "[\"a, b\",null,\"c\"]", "[1,{\"k\":2}]", "[\"\"]",
        };

        internal static readonly string[] Unknown =
        {
            "\"added_later\":{\"k\":\"한\"}", "\"x\\u00e9\":1", "\"note\":\"a \\\"b\\\"\"", "\"list\":[1, 2 ,3]", "\"n\":null",
        };

        [Fact]
        public void Every_tricky_value_of_every_field_makes_the_row_the_typed_payment_made()
        {
            var payments = new List<string>();
            foreach (CsvField field in CsvColumns.Fields)
            {
                foreach (string value in ValuesOf(field.Value)) payments.Add("{\"imp_uid\":\"imp_1\",\"" + field.JsonName + "\":" + value + "}");
            }
            foreach (string unknown in Unknown) payments.Add("{\"imp_uid\":\"imp_1\"," + unknown + "}");
            payments.Add("{}");
            payments.Add("{\"imp\\u005Fuid\":\"imp_9\",\"status\":\"paid\",\"paid_at\":1700000005}");
            payments.Add("{\"amount\":1,\"amount\":\"2.50\",\"name\":\"first\",\"name\":null,\"promotion\":{\"id\":\"p\"},\"promotion\":null}");
            payments.Add("{\"cancel_history\":[{\"amount\":1,\"cancelled_at\":1700000100}],\"cancel_history\":null}");
            foreach (string json in payments) AssertSameRow(json);
        }

        [Fact]
        public void Random_payments_make_the_rows_the_typed_payments_made()
        {
            var random = new Random(18);
            for (int n = 0; n < 3000; n++)
            {
                var fields = new List<string>();
                foreach (CsvField field in CsvColumns.Fields)
                {
                    if (random.Next(5) == 0) continue; // missing
                    string[] values = ValuesOf(field.Value);
                    fields.Add("\"" + field.JsonName + "\":" + values[random.Next(values.Length)]);
                    if (random.Next(40) == 0) fields.Add("\"" + field.JsonName + "\":" + values[random.Next(values.Length)]); // repeated
                }
                if (random.Next(4) == 0) fields.Add(Unknown[random.Next(Unknown.Length)]);
                string json = "{" + string.Join(random.Next(3) == 0 ? " , " : ",", fields.OrderBy(_ => random.Next())) + "}";
                AssertSameRow(json);
            }
        }

        [Theory]
        [InlineData("{\"paid_at\":1700000000000}")]
        [InlineData("{\"cancel_history\":[{\"cancelled_at\":99999999999999}]}")]
        [InlineData("{\"deposit_history\":{}}")]
        [InlineData("{\"promotion\":[]}")]
        [InlineData("{\"name\":\"\\ud800 alone\"}")]
        [InlineData("{\"name\":\"\\udc00\"}")]
        [InlineData("{\"cancel_receipt_urls\":\"one\"}")]
        public void A_payment_the_typed_read_refuses_is_refused_with_the_same_message(string json)
        {
            Exception typed = Assert.ThrowsAny<Exception>(() => Read(json, null));
            Exception csv = Assert.ThrowsAny<Exception>(() => Read(json, RowFormat.For(PaymentExportFormat.Csv, false, false)));
            Assert.Equal(typed.GetType(), csv.GetType());
            Assert.Equal(typed.Message, csv.Message);
        }

        [Fact]
        public void Invalid_UTF8_in_a_text_is_refused_as_the_typed_read_refuses_it()
        {
            foreach (byte[] bad in new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 } })
            {
                byte[] json = Encoding.UTF8.GetBytes("{\"code\":0,\"message\":null,\"response\":{\"total\":1,\"previous\":0,\"next\":0,\"list\":[{\"name\":\"a")
                    .Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}]}}")).ToArray();
                Exception typed = Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(json, PortOneJsonContext.Default.ApiEnvelopePaymentPage));
                Exception csv = Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(json, RowFormat.For(PaymentExportFormat.Csv, false, false).Page));
                Assert.Equal(typed.GetType(), csv.GetType());
                Assert.Equal(typed.Message, csv.Message);
            }
        }

        [Theory]
        [InlineData(new byte[] { 0x41 }, true)]
        [InlineData(new byte[] { 0xEA, 0xB0, 0x80 }, true)]
        [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, true)]
        [InlineData(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, true)]
        [InlineData(new byte[] { 0x80 }, false)]
        [InlineData(new byte[] { 0xC1, 0xBF }, false)]
        [InlineData(new byte[] { 0xE0, 0x80, 0x80 }, false)]
        [InlineData(new byte[] { 0xED, 0xBF, 0xBF }, false)]
        [InlineData(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, false)]
        [InlineData(new byte[] { 0xEA, 0xB0 }, false)]
        public void UTF8_is_checked_as_the_JSON_reader_checks_it(byte[] bytes, bool valid)
        {
            Assert.Equal(valid, Utf8Text.IsValid(bytes));
            bool decodes;
            try
            {
                new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                decodes = true;
            }
            catch (DecoderFallbackException)
            {
                decodes = false;
            }
            Assert.Equal(decodes, valid);
        }

        /// <summary>The row from the JSON equals the typed payment's, in local time and in UTC, with the payment slim or whole; the slim payment keeps what a read needs.</summary>
        private static void AssertSameRow(string json)
        {
            Exception? refused = null;
            PaymentAnnotation? typed = null;
            try
            {
                typed = Read(json, null);
            }
            catch (Exception e)
            {
                refused = e;
            }
            foreach (bool asUtc in new[] { false, true })
            {
                foreach (bool whole in new[] { false, true })
                {
                    RowFormat rows = RowFormat.For(PaymentExportFormat.Csv, asUtc, whole);
                    if (refused != null)
                    {
                        Exception e = Assert.ThrowsAny<Exception>(() => Read(json, rows));
                        Assert.True(refused.Message == e.Message, $"{json}: typed refused with '{refused.Message}', the row reader with '{e.Message}'");
                        continue;
                    }
                    PaymentAnnotation read = Read(json, rows);
                    string expected = TypedCsvRow.Of(typed!, asUtc);
                    string actual = Encoding.UTF8.GetString(read.Row!);
                    Assert.True(Encoding.UTF8.GetBytes(expected).SequenceEqual(read.Row!), $"{json} (asUtc {asUtc}, whole {whole}):\n typed {expected}\n bytes {actual}");
                    SlimPaymentAssert.Same(typed!, read);
                    if (whole) Assert.Equal(typed!.Name, read.Name);
                }
            }
        }

        private static PaymentAnnotation Read(string json, RowFormat? rows)
        {
            string page = "{\"code\":0,\"message\":null,\"response\":{\"total\":1,\"previous\":0,\"next\":0,\"list\":[" + json + "]}}";
            // A read for a file parses pages as the export does: the plain ones straight from the bytes (CsvPageScanner).
            return (rows == null ? JsonSerializer.Deserialize(page, PortOneJsonContext.Default.ApiEnvelopePaymentPage)
                : rows.ParsePage(Encoding.UTF8.GetBytes(page)))!.Response!.List![0];
        }

        internal static string[] ValuesOf(CsvValue kind) => kind switch
        {
            CsvValue.Text => Texts,
            CsvValue.Money => Money,
            CsvValue.Integer => Integers,
            CsvValue.Flag or CsvValue.OptionalFlag => Flags,
            CsvValue.Time => Times,
            CsvValue.CancelHistory => CancelHistories,
            CsvValue.DepositHistory => DepositHistories,
            CsvValue.Promotion => Promotions,
            _ => TextLists,
        };
    }
}
