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
    [JsonConverter(typeof(PaymentAnnotationConverter))]
    public sealed class PaymentAnnotation
    {
        /// <summary>PortOne's own id of the payment (imp_uid).</summary>
        [JsonPropertyName("imp_uid")] public string ImpUid { get; set; } = "";
        /// <summary>The merchant's order number (merchant_uid).</summary>
        [JsonPropertyName("merchant_uid")] public string MerchantUid { get; set; } = "";
        /// <summary>
        /// The payment's status as the API spells it: ready, paid, cancelled or failed (kept as text, so a value
        /// PortOne adds later still reads).
        /// </summary>
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        /// <summary>The order (payment) amount.</summary>
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get => _details?.Amount ?? 0m; set => Details.Amount = value; }
        /// <summary>The amount cancelled so far, full and partial cancellations together.</summary>
        [JsonPropertyName("cancel_amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal CancelAmount { get => _details?.CancelAmount ?? 0m; set => Details.CancelAmount = value; }
        /// <summary>The currency code, such as KRW.</summary>
        [JsonPropertyName("currency")] public string? Currency { get => _details?.Currency; set => Details.Currency = value; }
        /// <summary>The product name.</summary>
        [JsonPropertyName("name")] public string? Name { get => _details?.Name; set => Details.Name = value; }
        /// <summary>The payment method code, such as card, trans (bank transfer), vbank (virtual account) or phone.</summary>
        [JsonPropertyName("pay_method")] public string? PayMethod { get => _details?.PayMethod; set => Details.PayMethod = value; }
        /// <summary>Where the payment was made: pc, mobile, or api (recurring or non-authenticated payments).</summary>
        [JsonPropertyName("channel")] public string? Channel { get => _details?.Channel; set => Details.Channel = value; }
        /// <summary>The payment gateway's code.</summary>
        [JsonPropertyName("pg_provider")] public string? PgProvider { get => _details?.PgProvider; set => Details.PgProvider = value; }
        /// <summary>The gateway's code for hub-type (embedded) payments.</summary>
        [JsonPropertyName("emb_pg_provider")] public string? EmbPgProvider { get => _details?.EmbPgProvider; set => Details.EmbPgProvider = value; }
        /// <summary>The payment gateway's transaction number.</summary>
        [JsonPropertyName("pg_tid")] public string? PgTid { get => _details?.PgTid; set => Details.PgTid = value; }
        /// <summary>The merchant id (MID) at the payment gateway.</summary>
        [JsonPropertyName("pg_id")] public string? PgId { get => _details?.PgId; set => Details.PgId = value; }
        /// <summary>True when the payment was made on a test channel of PortOne.</summary>
        [JsonPropertyName("sandbox"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool Sandbox { get => _details?.Sandbox ?? false; set => Details.Sandbox = value; }
        /// <summary>Whether the payment is an escrow payment; null where the API does not say.</summary>
        [JsonPropertyName("escrow"), JsonConverter(typeof(FlexibleNullableBooleanConverter))] public bool? Escrow { get => _details?.Escrow; set => Details.Escrow = value; }
        /// <summary>The card approval number.</summary>
        [JsonPropertyName("apply_num")] public string? ApplyNum { get => _details?.ApplyNum; set => Details.ApplyNum = value; }
        /// <summary>The bank's standard code (Korea Financial Telecommunications and Clearings Institute).</summary>
        [JsonPropertyName("bank_code")] public string? BankCode { get => _details?.BankCode; set => Details.BankCode = value; }
        /// <summary>The bank's name, for real-time bank transfers.</summary>
        [JsonPropertyName("bank_name")] public string? BankName { get => _details?.BankName; set => Details.BankName = value; }
        /// <summary>The card company's standard code.</summary>
        [JsonPropertyName("card_code")] public string? CardCode { get => _details?.CardCode; set => Details.CardCode = value; }
        /// <summary>The card company's name, for card payments.</summary>
        [JsonPropertyName("card_name")] public string? CardName { get => _details?.CardName; set => Details.CardName = value; }
        /// <summary>The code of the bank that issued the card, where the gateway reports it.</summary>
        [JsonPropertyName("card_issuer_code")] public string? CardIssuerCode { get => _details?.CardIssuerCode; set => Details.CardIssuerCode = value; }
        /// <summary>The name of the bank that issued the card, where the gateway reports it.</summary>
        [JsonPropertyName("card_issuer_name")] public string? CardIssuerName { get => _details?.CardIssuerName; set => Details.CardIssuerName = value; }
        /// <summary>The code of the card's publisher, where the gateway reports it.</summary>
        [JsonPropertyName("card_publisher_code")] public string? CardPublisherCode { get => _details?.CardPublisherCode; set => Details.CardPublisherCode = value; }
        /// <summary>The name of the card's publisher, where the gateway reports it.</summary>
        [JsonPropertyName("card_publisher_name")] public string? CardPublisherName { get => _details?.CardPublisherName; set => Details.CardPublisherName = value; }
        /// <summary>The number of instalment months: 0 for a single payment, null where the gateway does not say.</summary>
        [JsonPropertyName("card_quota"), JsonConverter(typeof(FlexibleNullableIntConverter))] public int? CardQuota { get => _details?.CardQuota; set => Details.CardQuota = value; }
        /// <summary>The card number used, masked by the gateway (usually digits 7 to 12).</summary>
        [JsonPropertyName("card_number")] public string? CardNumber { get => _details?.CardNumber; set => Details.CardNumber = value; }
        /// <summary>0 credit, 1 check; null where the PG does not say.</summary>
        [JsonPropertyName("card_type"), JsonConverter(typeof(FlexibleNullableIntConverter))] public int? CardType { get => _details?.CardType; set => Details.CardType = value; }
        /// <summary>The virtual account's bank, as its standard code.</summary>
        [JsonPropertyName("vbank_code")] public string? VbankCode { get => _details?.VbankCode; set => Details.VbankCode = value; }
        /// <summary>The name of the virtual account's bank.</summary>
        [JsonPropertyName("vbank_name")] public string? VbankName { get => _details?.VbankName; set => Details.VbankName = value; }
        /// <summary>The virtual account's number.</summary>
        [JsonPropertyName("vbank_num")] public string? VbankNum { get => _details?.VbankNum; set => Details.VbankNum = value; }
        /// <summary>The virtual account's holder.</summary>
        [JsonPropertyName("vbank_holder")] public string? VbankHolder { get => _details?.VbankHolder; set => Details.VbankHolder = value; }
        /// <summary>The deadline for paying into the virtual account; null where the API sends 0.</summary>
        [JsonPropertyName("vbank_date"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? VbankDate { get => _details?.VbankDate; set => Details.VbankDate = value; }
        /// <summary>When the virtual account was issued; null where the API sends 0.</summary>
        [JsonPropertyName("vbank_issued_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? VbankIssuedAt { get => _details?.VbankIssuedAt; set => Details.VbankIssuedAt = value; }
        /// <summary>The buyer's name.</summary>
        [JsonPropertyName("buyer_name")] public string? BuyerName { get => _details?.BuyerName; set => Details.BuyerName = value; }
        /// <summary>The buyer's e-mail address.</summary>
        [JsonPropertyName("buyer_email")] public string? BuyerEmail { get => _details?.BuyerEmail; set => Details.BuyerEmail = value; }
        /// <summary>The buyer's telephone number.</summary>
        [JsonPropertyName("buyer_tel")] public string? BuyerTel { get => _details?.BuyerTel; set => Details.BuyerTel = value; }
        /// <summary>The buyer's address.</summary>
        [JsonPropertyName("buyer_addr")] public string? BuyerAddr { get => _details?.BuyerAddr; set => Details.BuyerAddr = value; }
        /// <summary>The buyer's postcode.</summary>
        [JsonPropertyName("buyer_postcode")] public string? BuyerPostcode { get => _details?.BuyerPostcode; set => Details.BuyerPostcode = value; }
        /// <summary>The merchant's own JSON, as the string PortOne stores.</summary>
        [JsonPropertyName("custom_data"), JsonConverter(typeof(RawStringConverter))] public string? CustomData { get => _details?.CustomData; set => Details.CustomData = value; }
        /// <summary>The User-Agent of the device on which the buyer started the payment.</summary>
        [JsonPropertyName("user_agent")] public string? UserAgent { get => _details?.UserAgent; set => Details.UserAgent = value; }
        /// <summary>When the payment was started; null where the API sends 0.</summary>
        [JsonPropertyName("started_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? StartedAt { get; set; }
        /// <summary>When the payment was paid; null where the API sends 0 (not paid).</summary>
        [JsonPropertyName("paid_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? PaidAt { get; set; }
        /// <summary>When the payment failed; null where the API sends 0 (not failed).</summary>
        [JsonPropertyName("failed_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? FailedAt { get; set; }
        /// <summary>When the payment was cancelled; null where the API sends 0 (not cancelled).</summary>
        [JsonPropertyName("cancelled_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? CancelledAt { get; set; }
        /// <summary>Why the payment failed.</summary>
        [JsonPropertyName("fail_reason")] public string? FailReason { get => _details?.FailReason; set => Details.FailReason = value; }
        /// <summary>Why the payment was cancelled.</summary>
        [JsonPropertyName("cancel_reason")] public string? CancelReason { get => _details?.CancelReason; set => Details.CancelReason = value; }
        /// <summary>The sales slip's address; some gateways and methods have none.</summary>
        [JsonPropertyName("receipt_url")] public string? ReceiptUrl { get => _details?.ReceiptUrl; set => Details.ReceiptUrl = value; }
        /// <summary>The full and partial cancellations; empty, never null, where there are none.</summary>
        [JsonPropertyName("cancel_history")]
        public PaymentCancelHistory CancelHistory { get => _cancelHistory ??= new PaymentCancelHistory(); set => _cancelHistory = value; }
        /// <summary>The deposits into a fixed, unlimited virtual account; empty, never null, where there are none.</summary>
        [JsonPropertyName("deposit_history")]
        public VbankDepositHistory DepositHistory { get => _depositHistory ??= new VbankDepositHistory(); set => _depositHistory = value; }
        /// <summary>Deprecated by PortOne in favour of CancelHistory; kept because old payments carry it.</summary>
        [JsonPropertyName("cancel_receipt_urls")]
        public TextList CancelReceiptUrls { get => _cancelReceiptUrls ??= new TextList(); set => _cancelReceiptUrls = value; }
        /// <summary>Whether a cash receipt was issued automatically; null where the API does not say.</summary>
        [JsonPropertyName("cash_receipt_issued"), JsonConverter(typeof(FlexibleNullableBooleanConverter))]
        public bool? CashReceiptIssued { get => _details?.CashReceiptIssued; set => Details.CashReceiptIssued = value; }
        /// <summary>The customer_uid (billing key owner) the payment used.</summary>
        [JsonPropertyName("customer_uid")] public string? CustomerUid { get => _details?.CustomerUid; set => Details.CustomerUid = value; }
        /// <summary>
        /// What the customer_uid was used for: issue (billing key issued), payment, payment.scheduled, or null for an
        /// ordinary payment.
        /// </summary>
        [JsonPropertyName("customer_uid_usage")] public string? CustomerUidUsage { get => _details?.CustomerUidUsage; set => Details.CustomerUidUsage = value; }
        /// <summary>The promotion applied to the payment and its discount; null where there is none.</summary>
        [JsonPropertyName("promotion")] public PaymentPromotion? Promotion { get; set; }

        /// <summary>
        /// Fields PortOne added after this module was built, as text by field name (strings as themselves, other values
        /// as JSON); prints as one JSON object. Null where there are none.
        /// </summary>
        [JsonIgnore]
        public AdditionalFieldDictionary? AdditionalFields =>
            UnknownFields == null || UnknownFields.Count == 0 ? null : RawJson.ToTextDictionary(UnknownFields);

        [JsonExtensionData, JsonInclude]
        internal Dictionary<string, JsonElement>? UnknownFields { get; set; }

        /// <summary>
        /// The payment's row in the export file the read was made for (UTF-8, without its line end): its JSON exactly
        /// as PortOne sent it on one line (JSON Lines), or its CSV fields; null for other reads.
        /// </summary>
        [JsonIgnore]
        internal byte[]? Row { get; set; }

        /// <summary>The additional fields as one JSON object, or null where there are none.</summary>
        internal string? AdditionalFieldsJson() => RawJson.ToJsonObject(UnknownFields);

        // Made on first read: the API sends null for "none", and scripts get an empty list, never a null to check.
        private PaymentCancelHistory? _cancelHistory;
        private VbankDepositHistory? _depositHistory;
        private TextList? _cancelReceiptUrls;

        // The fields a read for a CSV file does not keep (its row has them), in an object of their own made on first
        // set: such a read holds thousands of payments ahead of its writer, each 192 bytes this way instead of 576.
        private PaymentDetails? _details;

        private PaymentDetails Details => _details ??= new PaymentDetails();

        private sealed class PaymentDetails
        {
            public decimal Amount;
            public decimal CancelAmount;
            public string? Currency;
            public string? Name;
            public string? PayMethod;
            public string? Channel;
            public string? PgProvider;
            public string? EmbPgProvider;
            public string? PgTid;
            public string? PgId;
            public bool Sandbox;
            public bool? Escrow;
            public string? ApplyNum;
            public string? BankCode;
            public string? BankName;
            public string? CardCode;
            public string? CardName;
            public string? CardIssuerCode;
            public string? CardIssuerName;
            public string? CardPublisherCode;
            public string? CardPublisherName;
            public int? CardQuota;
            public string? CardNumber;
            public int? CardType;
            public string? VbankCode;
            public string? VbankName;
            public string? VbankNum;
            public string? VbankHolder;
            public DateTimeOffset? VbankDate;
            public DateTimeOffset? VbankIssuedAt;
            public string? BuyerName;
            public string? BuyerEmail;
            public string? BuyerTel;
            public string? BuyerAddr;
            public string? BuyerPostcode;
            public string? CustomData;
            public string? UserAgent;
            public string? FailReason;
            public string? CancelReason;
            public string? ReceiptUrl;
            public bool? CashReceiptIssued;
            public string? CustomerUid;
            public string? CustomerUidUsage;
        }

        /// <summary>The imp_uid, so a payment reads as its id in strings and messages.</summary>
        public override string ToString() => ImpUid;
    }
}
