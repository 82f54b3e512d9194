using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>
    /// One payment as GET /payments/* returns it (the spec's PaymentAnnotation), with PascalCase names,
    /// money as decimal and unix timestamps as local date-times (null where the API sends 0).
    /// Enum-like values stay strings: PortOne adds values at any time and a new one must never break a script.
    /// </summary>
    public sealed class PaymentAnnotation
    {
        [JsonPropertyName("imp_uid")] public string ImpUid { get; set; } = "";
        [JsonPropertyName("merchant_uid")] public string MerchantUid { get; set; } = "";
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get; set; }
        [JsonPropertyName("cancel_amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal CancelAmount { get; set; }
        [JsonPropertyName("currency")] public string? Currency { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("pay_method")] public string? PayMethod { get; set; }
        [JsonPropertyName("channel")] public string? Channel { get; set; }
        [JsonPropertyName("pg_provider")] public string? PgProvider { get; set; }
        [JsonPropertyName("emb_pg_provider")] public string? EmbPgProvider { get; set; }
        [JsonPropertyName("pg_tid")] public string? PgTid { get; set; }
        [JsonPropertyName("pg_id")] public string? PgId { get; set; }
        [JsonPropertyName("sandbox"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool Sandbox { get; set; }
        [JsonPropertyName("escrow"), JsonConverter(typeof(FlexibleNullableBooleanConverter))] public bool? Escrow { get; set; }
        [JsonPropertyName("apply_num")] public string? ApplyNum { get; set; }
        [JsonPropertyName("bank_code")] public string? BankCode { get; set; }
        [JsonPropertyName("bank_name")] public string? BankName { get; set; }
        [JsonPropertyName("card_code")] public string? CardCode { get; set; }
        [JsonPropertyName("card_name")] public string? CardName { get; set; }
        [JsonPropertyName("card_issuer_code")] public string? CardIssuerCode { get; set; }
        [JsonPropertyName("card_issuer_name")] public string? CardIssuerName { get; set; }
        [JsonPropertyName("card_publisher_code")] public string? CardPublisherCode { get; set; }
        [JsonPropertyName("card_publisher_name")] public string? CardPublisherName { get; set; }
        [JsonPropertyName("card_quota"), JsonConverter(typeof(FlexibleNullableIntConverter))] public int? CardQuota { get; set; }
        [JsonPropertyName("card_number")] public string? CardNumber { get; set; }
        /// <summary>0 credit, 1 check; null where the PG does not say.</summary>
        [JsonPropertyName("card_type"), JsonConverter(typeof(FlexibleNullableIntConverter))] public int? CardType { get; set; }
        [JsonPropertyName("vbank_code")] public string? VbankCode { get; set; }
        [JsonPropertyName("vbank_name")] public string? VbankName { get; set; }
        [JsonPropertyName("vbank_num")] public string? VbankNum { get; set; }
        [JsonPropertyName("vbank_holder")] public string? VbankHolder { get; set; }
        [JsonPropertyName("vbank_date"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? VbankDate { get; set; }
        [JsonPropertyName("vbank_issued_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? VbankIssuedAt { get; set; }
        [JsonPropertyName("buyer_name")] public string? BuyerName { get; set; }
        [JsonPropertyName("buyer_email")] public string? BuyerEmail { get; set; }
        [JsonPropertyName("buyer_tel")] public string? BuyerTel { get; set; }
        [JsonPropertyName("buyer_addr")] public string? BuyerAddr { get; set; }
        [JsonPropertyName("buyer_postcode")] public string? BuyerPostcode { get; set; }
        /// <summary>The merchant's own JSON, as the string PortOne stores.</summary>
        [JsonPropertyName("custom_data"), JsonConverter(typeof(RawStringConverter))] public string? CustomData { get; set; }
        [JsonPropertyName("user_agent")] public string? UserAgent { get; set; }
        [JsonPropertyName("started_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? StartedAt { get; set; }
        [JsonPropertyName("paid_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? PaidAt { get; set; }
        [JsonPropertyName("failed_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? FailedAt { get; set; }
        [JsonPropertyName("cancelled_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? CancelledAt { get; set; }
        [JsonPropertyName("fail_reason")] public string? FailReason { get; set; }
        [JsonPropertyName("cancel_reason")] public string? CancelReason { get; set; }
        [JsonPropertyName("receipt_url")] public string? ReceiptUrl { get; set; }
        [JsonPropertyName("cancel_history")] public PaymentCancelHistory CancelHistory { get => _cancelHistory ??= new PaymentCancelHistory(); set => _cancelHistory = value; }
        [JsonPropertyName("deposit_history")] public VbankDepositHistory DepositHistory { get => _depositHistory ??= new VbankDepositHistory(); set => _depositHistory = value; }
        /// <summary>Deprecated by PortOne in favour of CancelHistory; kept because old payments carry it.</summary>
        [JsonPropertyName("cancel_receipt_urls")] public TextList CancelReceiptUrls { get => _cancelReceiptUrls ??= new TextList(); set => _cancelReceiptUrls = value; }
        [JsonPropertyName("cash_receipt_issued"), JsonConverter(typeof(FlexibleNullableBooleanConverter))] public bool? CashReceiptIssued { get; set; }
        [JsonPropertyName("customer_uid")] public string? CustomerUid { get; set; }
        [JsonPropertyName("customer_uid_usage")] public string? CustomerUidUsage { get; set; }
        [JsonPropertyName("promotion")] public PaymentPromotion? Promotion { get; set; }

        /// <summary>Fields PortOne added after this module was built, as raw JSON text by field name.</summary>
        [JsonIgnore]
        public IReadOnlyDictionary<string, string>? AdditionalFields =>
            UnknownFields == null ? null : RawJson.ToTextDictionary(UnknownFields);

        [JsonExtensionData, JsonInclude]
        internal Dictionary<string, JsonElement>? UnknownFields { get; set; }

        // Made on first read: the API sends null for "none", and scripts get an empty list, never a null to check.
        private PaymentCancelHistory? _cancelHistory;
        private VbankDepositHistory? _depositHistory;
        private TextList? _cancelReceiptUrls;

        public override string ToString() => ImpUid;
    }
}
