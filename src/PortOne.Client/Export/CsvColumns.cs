using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json.Serialization;

namespace PortOne.Export
{
    /// <summary>
    /// The CSV columns of Export-PortOnePayment, in order: the one place that says what a row holds (the help lists
    /// the same). Every scalar field of a payment under its PaymentAnnotation name, then the nested values flattened:
    /// CancelHistory and DepositHistory as a count, an amount and a latest time each, Promotion as id and discount,
    /// CancelReceiptUrls separated by spaces, and AdditionalFields (fields PortOne adds later) as one JSON object.
    /// </summary>
    internal static class CsvColumns
    {
        /// <summary>The payment's fields in column order; each fills one column, a nested one several.</summary>
        public static readonly CsvField[] Fields = Number(new[]
        {
            Field("ImpUid", CsvValue.Text), Field("MerchantUid", CsvValue.Text), Field("Status", CsvValue.Text),
            Field("Amount", CsvValue.Money), Field("CancelAmount", CsvValue.Money), Field("Currency", CsvValue.Text),
            Field("Name", CsvValue.Text), Field("PayMethod", CsvValue.Text), Field("Channel", CsvValue.Text),
            Field("PgProvider", CsvValue.Text), Field("EmbPgProvider", CsvValue.Text), Field("PgTid", CsvValue.Text),
            Field("PgId", CsvValue.Text), Field("Sandbox", CsvValue.Flag), Field("Escrow", CsvValue.OptionalFlag),
            Field("ApplyNum", CsvValue.Text), Field("BankCode", CsvValue.Text), Field("BankName", CsvValue.Text),
            Field("CardCode", CsvValue.Text), Field("CardName", CsvValue.Text), Field("CardIssuerCode", CsvValue.Text),
            Field("CardIssuerName", CsvValue.Text), Field("CardPublisherCode", CsvValue.Text), Field("CardPublisherName", CsvValue.Text),
            Field("CardQuota", CsvValue.Integer), Field("CardNumber", CsvValue.Text), Field("CardType", CsvValue.Integer),
            Field("VbankCode", CsvValue.Text), Field("VbankName", CsvValue.Text), Field("VbankNum", CsvValue.Text),
            Field("VbankHolder", CsvValue.Text), Field("VbankDate", CsvValue.Time), Field("VbankIssuedAt", CsvValue.Time),
            Field("BuyerName", CsvValue.Text), Field("BuyerEmail", CsvValue.Text), Field("BuyerTel", CsvValue.Text),
            Field("BuyerAddr", CsvValue.Text), Field("BuyerPostcode", CsvValue.Text), Field("CustomData", CsvValue.Text),
            Field("UserAgent", CsvValue.Text), Field("StartedAt", CsvValue.Time), Field("PaidAt", CsvValue.Time),
            Field("FailedAt", CsvValue.Time), Field("CancelledAt", CsvValue.Time), Field("FailReason", CsvValue.Text),
            Field("CancelReason", CsvValue.Text), Field("ReceiptUrl", CsvValue.Text), Field("CashReceiptIssued", CsvValue.OptionalFlag),
            Field("CustomerUid", CsvValue.Text), Field("CustomerUidUsage", CsvValue.Text),
            Field("CancelHistory", CsvValue.CancelHistory, "CancelHistoryCount", "CancelHistoryAmount", "CancelHistoryLastAt"),
            Field("DepositHistory", CsvValue.DepositHistory, "DepositHistoryCount", "DepositHistoryAmount", "DepositHistoryLastAt"),
            Field("Promotion", CsvValue.Promotion, "PromotionId", "PromotionDiscount"),
            Field("CancelReceiptUrls", CsvValue.TextList),
        });

        /// <summary>The header: every field's columns, then AdditionalFields.</summary>
        public static readonly IReadOnlyList<string> Names = HeaderOf(Fields);

        /// <summary>The last column: the fields this module does not know, as one JSON object.</summary>
        public static int AdditionalFields => Names.Count - 1;

        private static CsvField Field(string property, CsvValue value, params string[] columns)
        {
            PropertyInfo info = typeof(PaymentAnnotation).GetProperty(property)!;
            return new CsvField(info, info.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, value, columns.Length == 0 ? new[] { property } : columns);
        }

        private static CsvField[] Number(CsvField[] fields)
        {
            int column = 0;
            foreach (CsvField field in fields)
            {
                field.Column = column;
                column += field.Columns.Count;
            }
            return fields;
        }

        private static string[] HeaderOf(CsvField[] fields)
        {
            var names = new List<string>();
            foreach (CsvField field in fields) names.AddRange(field.Columns);
            names.Add("AdditionalFields");
            return names.ToArray();
        }
    }
}
