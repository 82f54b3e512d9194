using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// The CSV row of a typed payment, as Export-PortOnePayment wrote it before rows were made straight from the JSON
    /// (the module's writer up to issue 18, kept here as the reference): the row the byte-level reader must match
    /// byte for byte. Quoting by RFC 4180, money in the invariant culture, times as ISO 8601 with the offset.
    /// </summary>
    internal static class TypedCsvRow
    {
        private static readonly List<(string Name, Action<Field, PaymentAnnotation> Write)> Columns = new List<(string, Action<Field, PaymentAnnotation>)>
        {
            ("ImpUid", (f, p) => f.Text(p.ImpUid)),
            ("MerchantUid", (f, p) => f.Text(p.MerchantUid)),
            ("Status", (f, p) => f.Text(p.Status)),
            ("Amount", (f, p) => f.Money(p.Amount)),
            ("CancelAmount", (f, p) => f.Money(p.CancelAmount)),
            ("Currency", (f, p) => f.Text(p.Currency)),
            ("Name", (f, p) => f.Text(p.Name)),
            ("PayMethod", (f, p) => f.Text(p.PayMethod)),
            ("Channel", (f, p) => f.Text(p.Channel)),
            ("PgProvider", (f, p) => f.Text(p.PgProvider)),
            ("EmbPgProvider", (f, p) => f.Text(p.EmbPgProvider)),
            ("PgTid", (f, p) => f.Text(p.PgTid)),
            ("PgId", (f, p) => f.Text(p.PgId)),
            ("Sandbox", (f, p) => f.Boolean(p.Sandbox)),
            ("Escrow", (f, p) => f.Boolean(p.Escrow)),
            ("ApplyNum", (f, p) => f.Text(p.ApplyNum)),
            ("BankCode", (f, p) => f.Text(p.BankCode)),
            ("BankName", (f, p) => f.Text(p.BankName)),
            ("CardCode", (f, p) => f.Text(p.CardCode)),
            ("CardName", (f, p) => f.Text(p.CardName)),
            ("CardIssuerCode", (f, p) => f.Text(p.CardIssuerCode)),
            ("CardIssuerName", (f, p) => f.Text(p.CardIssuerName)),
            ("CardPublisherCode", (f, p) => f.Text(p.CardPublisherCode)),
            ("CardPublisherName", (f, p) => f.Text(p.CardPublisherName)),
            ("CardQuota", (f, p) => f.Integer(p.CardQuota)),
            ("CardNumber", (f, p) => f.Text(p.CardNumber)),
            ("CardType", (f, p) => f.Integer(p.CardType)),
            ("VbankCode", (f, p) => f.Text(p.VbankCode)),
            ("VbankName", (f, p) => f.Text(p.VbankName)),
            ("VbankNum", (f, p) => f.Text(p.VbankNum)),
            ("VbankHolder", (f, p) => f.Text(p.VbankHolder)),
            ("VbankDate", (f, p) => f.Time(p.VbankDate)),
            ("VbankIssuedAt", (f, p) => f.Time(p.VbankIssuedAt)),
            ("BuyerName", (f, p) => f.Text(p.BuyerName)),
            ("BuyerEmail", (f, p) => f.Text(p.BuyerEmail)),
            ("BuyerTel", (f, p) => f.Text(p.BuyerTel)),
            ("BuyerAddr", (f, p) => f.Text(p.BuyerAddr)),
            ("BuyerPostcode", (f, p) => f.Text(p.BuyerPostcode)),
            ("CustomData", (f, p) => f.Text(p.CustomData)),
            ("UserAgent", (f, p) => f.Text(p.UserAgent)),
            ("StartedAt", (f, p) => f.Time(p.StartedAt)),
            ("PaidAt", (f, p) => f.Time(p.PaidAt)),
            ("FailedAt", (f, p) => f.Time(p.FailedAt)),
            ("CancelledAt", (f, p) => f.Time(p.CancelledAt)),
            ("FailReason", (f, p) => f.Text(p.FailReason)),
            ("CancelReason", (f, p) => f.Text(p.CancelReason)),
            ("ReceiptUrl", (f, p) => f.Text(p.ReceiptUrl)),
            ("CashReceiptIssued", (f, p) => f.Boolean(p.CashReceiptIssued)),
            ("CustomerUid", (f, p) => f.Text(p.CustomerUid)),
            ("CustomerUidUsage", (f, p) => f.Text(p.CustomerUidUsage)),
            ("CancelHistoryCount", (f, p) => f.Integer(p.CancelHistory.Count)),
            ("CancelHistoryAmount", (f, p) => f.Money(CancelledAmount(p.CancelHistory))),
            ("CancelHistoryLastAt", (f, p) => f.Time(LastCancelled(p.CancelHistory))),
            ("DepositHistoryCount", (f, p) => f.Integer(p.DepositHistory.Count)),
            ("DepositHistoryAmount", (f, p) => f.Money(DepositedAmount(p.DepositHistory))),
            ("DepositHistoryLastAt", (f, p) => f.Time(LastDeposited(p.DepositHistory))),
            ("PromotionId", (f, p) => f.Text(p.Promotion?.Id)),
            ("PromotionDiscount", (f, p) => { if (p.Promotion == null) f.Text(null); else f.Money(p.Promotion.Discount); }),
            ("CancelReceiptUrls", (f, p) => f.Text(p.CancelReceiptUrls.Count == 0 ? null : string.Join(" ", p.CancelReceiptUrls))),
            ("AdditionalFields", (f, p) => f.Text(p.AdditionalFieldsJson())),
        };

        public static IEnumerable<string> Names
        {
            get
            {
                foreach (var column in Columns) yield return column.Name;
            }
        }

        /// <summary>The payment's row, without its line end.</summary>
        public static string Of(PaymentAnnotation payment, bool asUtc)
        {
            var field = new Field(asUtc);
            foreach (var column in Columns) column.Write(field, payment);
            return field.Row.ToString();
        }

        private static decimal CancelledAmount(PaymentCancelHistory history)
        {
            decimal sum = 0;
            foreach (PaymentCancelAnnotation cancel in history) sum += cancel.Amount;
            return sum;
        }

        private static DateTimeOffset? LastCancelled(PaymentCancelHistory history)
        {
            DateTimeOffset? latest = null;
            foreach (PaymentCancelAnnotation cancel in history) latest = Later(latest, cancel.CancelledAt);
            return latest;
        }

        private static decimal DepositedAmount(VbankDepositHistory history)
        {
            decimal sum = 0;
            foreach (VbankDepositAnnotation deposit in history) sum += deposit.Amount;
            return sum;
        }

        private static DateTimeOffset? LastDeposited(VbankDepositHistory history)
        {
            DateTimeOffset? latest = null;
            foreach (VbankDepositAnnotation deposit in history) latest = Later(latest, deposit.DepositedAt);
            return latest;
        }

        private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
            !b.HasValue ? a : !a.HasValue || b.Value > a.Value ? b : a;

        private sealed class Field
        {
            private readonly bool _asUtc;
            private bool _started;

            public Field(bool asUtc) => _asUtc = asUtc;

            public StringBuilder Row { get; } = new StringBuilder();

            public void Text(string? value)
            {
                Separate();
                if (string.IsNullOrEmpty(value)) return;
                if (value!.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0) Row.Append(value);
                else Row.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
            }

            public void Money(decimal value)
            {
                Separate();
                Row.Append(value.ToString(CultureInfo.InvariantCulture));
            }

            public void Integer(long? value)
            {
                Separate();
                if (value.HasValue) Row.Append(value.Value.ToString(CultureInfo.InvariantCulture));
            }

            public void Boolean(bool? value)
            {
                Separate();
                if (value.HasValue) Row.Append(value.Value ? "true" : "false");
            }

            public void Time(DateTimeOffset? value)
            {
                Separate();
                if (!value.HasValue) return;
                DateTimeOffset time = _asUtc ? value.Value.ToUniversalTime() : value.Value.ToLocalTime();
                Row.Append(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            }

            private void Separate()
            {
                if (_started) Row.Append(',');
                _started = true;
            }
        }
    }
}
