using System;
using System.Collections.Generic;

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
        public static readonly IReadOnlyList<CsvColumn> All = new[]
        {
            new CsvColumn("ImpUid", (f, p) => f.Text(p.ImpUid)),
            new CsvColumn("MerchantUid", (f, p) => f.Text(p.MerchantUid)),
            new CsvColumn("Status", (f, p) => f.Text(p.Status)),
            new CsvColumn("Amount", (f, p) => f.Money(p.Amount)),
            new CsvColumn("CancelAmount", (f, p) => f.Money(p.CancelAmount)),
            new CsvColumn("Currency", (f, p) => f.Text(p.Currency)),
            new CsvColumn("Name", (f, p) => f.Text(p.Name)),
            new CsvColumn("PayMethod", (f, p) => f.Text(p.PayMethod)),
            new CsvColumn("Channel", (f, p) => f.Text(p.Channel)),
            new CsvColumn("PgProvider", (f, p) => f.Text(p.PgProvider)),
            new CsvColumn("EmbPgProvider", (f, p) => f.Text(p.EmbPgProvider)),
            new CsvColumn("PgTid", (f, p) => f.Text(p.PgTid)),
            new CsvColumn("PgId", (f, p) => f.Text(p.PgId)),
            new CsvColumn("Sandbox", (f, p) => f.Boolean(p.Sandbox)),
            new CsvColumn("Escrow", (f, p) => f.Boolean(p.Escrow)),
            new CsvColumn("ApplyNum", (f, p) => f.Text(p.ApplyNum)),
            new CsvColumn("BankCode", (f, p) => f.Text(p.BankCode)),
            new CsvColumn("BankName", (f, p) => f.Text(p.BankName)),
            new CsvColumn("CardCode", (f, p) => f.Text(p.CardCode)),
            new CsvColumn("CardName", (f, p) => f.Text(p.CardName)),
            new CsvColumn("CardIssuerCode", (f, p) => f.Text(p.CardIssuerCode)),
            new CsvColumn("CardIssuerName", (f, p) => f.Text(p.CardIssuerName)),
            new CsvColumn("CardPublisherCode", (f, p) => f.Text(p.CardPublisherCode)),
            new CsvColumn("CardPublisherName", (f, p) => f.Text(p.CardPublisherName)),
            new CsvColumn("CardQuota", (f, p) => f.Integer(p.CardQuota)),
            new CsvColumn("CardNumber", (f, p) => f.Text(p.CardNumber)),
            new CsvColumn("CardType", (f, p) => f.Integer(p.CardType)),
            new CsvColumn("VbankCode", (f, p) => f.Text(p.VbankCode)),
            new CsvColumn("VbankName", (f, p) => f.Text(p.VbankName)),
            new CsvColumn("VbankNum", (f, p) => f.Text(p.VbankNum)),
            new CsvColumn("VbankHolder", (f, p) => f.Text(p.VbankHolder)),
            new CsvColumn("VbankDate", (f, p) => f.Time(p.VbankDate)),
            new CsvColumn("VbankIssuedAt", (f, p) => f.Time(p.VbankIssuedAt)),
            new CsvColumn("BuyerName", (f, p) => f.Text(p.BuyerName)),
            new CsvColumn("BuyerEmail", (f, p) => f.Text(p.BuyerEmail)),
            new CsvColumn("BuyerTel", (f, p) => f.Text(p.BuyerTel)),
            new CsvColumn("BuyerAddr", (f, p) => f.Text(p.BuyerAddr)),
            new CsvColumn("BuyerPostcode", (f, p) => f.Text(p.BuyerPostcode)),
            new CsvColumn("CustomData", (f, p) => f.Text(p.CustomData)),
            new CsvColumn("UserAgent", (f, p) => f.Text(p.UserAgent)),
            new CsvColumn("StartedAt", (f, p) => f.Time(p.StartedAt)),
            new CsvColumn("PaidAt", (f, p) => f.Time(p.PaidAt)),
            new CsvColumn("FailedAt", (f, p) => f.Time(p.FailedAt)),
            new CsvColumn("CancelledAt", (f, p) => f.Time(p.CancelledAt)),
            new CsvColumn("FailReason", (f, p) => f.Text(p.FailReason)),
            new CsvColumn("CancelReason", (f, p) => f.Text(p.CancelReason)),
            new CsvColumn("ReceiptUrl", (f, p) => f.Text(p.ReceiptUrl)),
            new CsvColumn("CashReceiptIssued", (f, p) => f.Boolean(p.CashReceiptIssued)),
            new CsvColumn("CustomerUid", (f, p) => f.Text(p.CustomerUid)),
            new CsvColumn("CustomerUidUsage", (f, p) => f.Text(p.CustomerUidUsage)),
            new CsvColumn("CancelHistoryCount", (f, p) => f.Integer(p.CancelHistory.Count)),
            new CsvColumn("CancelHistoryAmount", (f, p) => f.Money(CancelledAmount(p.CancelHistory))),
            new CsvColumn("CancelHistoryLastAt", (f, p) => f.Time(LastCancelled(p.CancelHistory))),
            new CsvColumn("DepositHistoryCount", (f, p) => f.Integer(p.DepositHistory.Count)),
            new CsvColumn("DepositHistoryAmount", (f, p) => f.Money(DepositedAmount(p.DepositHistory))),
            new CsvColumn("DepositHistoryLastAt", (f, p) => f.Time(LastDeposited(p.DepositHistory))),
            new CsvColumn("PromotionId", (f, p) => f.Text(p.Promotion?.Id)),
            new CsvColumn("PromotionDiscount", (f, p) => { if (p.Promotion == null) f.Text(null); else f.Money(p.Promotion.Discount); }),
            new CsvColumn("CancelReceiptUrls", (f, p) => f.Text(p.CancelReceiptUrls.Count == 0 ? null : string.Join(" ", p.CancelReceiptUrls))),
            new CsvColumn("AdditionalFields", (f, p) => f.Text(p.AdditionalFieldsJson())),
        };

        // Plain loops: these run for every row, and a LINQ chain allocates an enumerator and a closure each time.
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
    }
}
