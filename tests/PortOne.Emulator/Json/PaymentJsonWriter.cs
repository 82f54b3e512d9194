using System;
using System.Globalization;
using System.Text.Json;
using PortOne.Emulator.Data;
using static PortOne.Emulator.Json.JsonText;

namespace PortOne.Emulator.Json;

/// <summary>
/// Writes a payment as PortOne's PaymentAnnotation: every field of the spec, snake_case, in alphabetical order
/// (as PortOne's responses are), nulls where a field does not apply, 0 for timestamps not reached.
/// Hot path of every page: pre-encoded names and texts, stack buffers, no allocation per field.
/// </summary>
internal static class PaymentJsonWriter
{
    private static readonly JsonEncodedText
        Amount = E("amount"), ApplyNum = E("apply_num"), BankCode = E("bank_code"), BankName = E("bank_name"),
        BuyerAddr = E("buyer_addr"), BuyerEmail = E("buyer_email"), BuyerName = E("buyer_name"),
        BuyerPostcode = E("buyer_postcode"), BuyerTel = E("buyer_tel"), CancelAmount = E("cancel_amount"),
        CancelHistory = E("cancel_history"), CancelReason = E("cancel_reason"), CancelReceiptUrls = E("cancel_receipt_urls"),
        CancelledAt = E("cancelled_at"), CancellationId = E("cancellation_id"), CardCode = E("card_code"),
        CardIssuerCode = E("card_issuer_code"), CardIssuerName = E("card_issuer_name"), CardName = E("card_name"),
        CardNumber = E("card_number"), CardPublisherCode = E("card_publisher_code"), CardPublisherName = E("card_publisher_name"),
        CardQuota = E("card_quota"), CardType = E("card_type"), CashReceiptIssued = E("cash_receipt_issued"),
        Channel = E("channel"), Currency = E("currency"), CustomData = E("custom_data"), CustomerUid = E("customer_uid"),
        CustomerUidUsage = E("customer_uid_usage"), DepositHistory = E("deposit_history"), DepositedAt = E("deposited_at"),
        DepositorName = E("depositor_name"), Discount = E("discount"), EmbPgProvider = E("emb_pg_provider"), Escrow = E("escrow"),
        FailReason = E("fail_reason"), FailedAt = E("failed_at"), Id = E("id"), ImpUid = E("imp_uid"),
        MerchantUid = E("merchant_uid"), Name = E("name"), PaidAt = E("paid_at"), PayMethod = E("pay_method"), PgId = E("pg_id"),
        PgProvider = E("pg_provider"), PgTid = E("pg_tid"), Promotion = E("promotion"), Reason = E("reason"),
        ReceiptUrl = E("receipt_url"), Sandbox = E("sandbox"), StartedAt = E("started_at"), Status = E("status"),
        UserAgent = E("user_agent"), VbankCode = E("vbank_code"), VbankDate = E("vbank_date"), VbankHolder = E("vbank_holder"),
        VbankIssuedAt = E("vbank_issued_at"), VbankName = E("vbank_name"), VbankNum = E("vbank_num");

    // Fields PortOne does not document (yet): about 1 payment in 50 carries one.
    private static readonly JsonEncodedText PromotionIdField = E("promotion_id"), SettlementCurrency = E("settlement_currency"),
        BnplInfo = E("bnpl_info"), RiskScore = E("risk_score"), Tags = E("tags"), Installments = E("installments"),
        Provider = E("provider"), KrwText = E("KRW"), NewBnpl = E("newbnpl"), Gift = E("gift"), FirstOrder = E("first_order");

    public static void Write(Utf8JsonWriter w, PaymentStore store, Payment p)
    {
        PgProfile pg = Catalog.Pgs[p.Pg];
        ref readonly CustomerPool.Customer buyer = ref store.Customers[p.Customer];
        bool settled = p.Status is PaymentStatus.Paid or PaymentStatus.Cancelled;
        bool isCard = p.PayMethod == Catalog.Card;
        bool isVbank = p.PayMethod == Catalog.Vbank;
        bool hasTid = settled || (isVbank && p.Status == PaymentStatus.Ready) || p.Has(PaymentFlags.FailedWithTid);

        Span<byte> tid = stackalloc byte[64];
        int tidLen = hasTid ? Derived.PgTid(store, p, 0, p.StartedAt, tid) : 0;
        Span<byte> buf = stackalloc byte[512];

        w.WriteStartObject();
        WriteMoney(w, Amount, p.Amount, p.Currency);
        if (isCard && settled) w.WriteString(ApplyNum, buf[..Derived.ApplyNum(store, p, buf)]); else w.WriteNull(ApplyNum);
        if (p.PayMethod == Catalog.Trans)
        {
            w.WriteString(BankCode, Catalog.Banks[p.Bank].CodeJson);
            w.WriteString(BankName, Catalog.Banks[p.Bank].NameJson);
        }
        else { w.WriteNull(BankCode); w.WriteNull(BankName); }
        if (p.Has(PaymentFlags.NoAddress)) w.WriteNull(BuyerAddr); else w.WriteString(BuyerAddr, buyer.Addr);
        w.WriteString(BuyerEmail, buyer.Email);
        w.WriteString(BuyerName, buyer.Name);
        if (p.Has(PaymentFlags.NoAddress)) w.WriteNull(BuyerPostcode); else w.WriteString(BuyerPostcode, buyer.Postcode);
        w.WriteString(BuyerTel, buyer.Tel);
        WriteMoney(w, CancelAmount, p.CancelAmount, p.Currency);

        w.WriteStartArray(CancelHistory);
        if (p.Cancels is not null)
        {
            foreach (CancelEntry c in p.Cancels)
            {
                w.WriteStartObject();
                WriteMoney(w, Amount, c.Amount, p.Currency);
                w.WriteString(CancellationId, buf[..Derived.CancellationId(store, p, c.Seq, c.CancelledAt, buf)]);
                w.WriteNumber(CancelledAt, c.CancelledAt);
                Span<byte> ctid = buf[32..96];
                int ctidLen = Derived.PgTid(store, p, c.Seq + 1, c.CancelledAt, ctid);
                w.WriteString(PgTid, ctid[..ctidLen]);
                w.WriteString(Reason, Catalog.CancelReasons[c.Reason]);
                int urlLen = Derived.ReceiptUrl(p, ctid[..ctidLen], buf[96..]);
                if (urlLen > 0) w.WriteString(ReceiptUrl, buf.Slice(96, urlLen)); else w.WriteNull(ReceiptUrl);
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        if (p.Status == PaymentStatus.Cancelled) w.WriteString(CancelReason, Catalog.CancelReasons[p.CancelReason]);
        else w.WriteNull(CancelReason);
        w.WriteStartArray(CancelReceiptUrls);
        if (p.Cancels is not null)
        {
            foreach (CancelEntry c in p.Cancels)
            {
                int ctidLen = Derived.PgTid(store, p, c.Seq + 1, c.CancelledAt, buf);
                int urlLen = Derived.ReceiptUrl(p, buf[..ctidLen], buf[64..]);
                if (urlLen > 0) w.WriteStringValue(buf.Slice(64, urlLen));
            }
        }
        w.WriteEndArray();
        w.WriteNumber(CancelledAt, p.CancelledAt);

        if (isCard && p.Card != 0)
        {
            Card card = Catalog.Cards[p.Card];
            w.WriteString(CardCode, card.CodeJson);
            if (pg.IssuerCodes) { w.WriteString(CardIssuerCode, card.CodeJson); w.WriteString(CardIssuerName, card.NameJson); }
            else { w.WriteNull(CardIssuerCode); w.WriteNull(CardIssuerName); }
            w.WriteString(CardName, card.NameJson);
            if (settled) w.WriteString(CardNumber, buf[..Derived.CardNumber(store, p, buf)]); else w.WriteNull(CardNumber);
            if (pg.IssuerCodes) { w.WriteString(CardPublisherCode, card.CodeJson); w.WriteString(CardPublisherName, card.NameJson); }
            else { w.WriteNull(CardPublisherCode); w.WriteNull(CardPublisherName); }
        }
        else
        {
            w.WriteNull(CardCode); w.WriteNull(CardIssuerCode); w.WriteNull(CardIssuerName); w.WriteNull(CardName);
            w.WriteNull(CardNumber); w.WriteNull(CardPublisherCode); w.WriteNull(CardPublisherName);
        }
        w.WriteNumber(CardQuota, p.CardQuota);
        if (p.CardType < 0) w.WriteNull(CardType); else w.WriteNumber(CardType, p.CardType);
        w.WriteBoolean(CashReceiptIssued, p.Has(PaymentFlags.CashReceipt));
        w.WriteString(Channel, p.UnknownEnum == 2 ? Catalog.UnknownChannel : Catalog.Channels[p.Channel]);
        w.WriteString(Currency, Catalog.Currencies[p.Currency]);
        WriteCustomData(w, store, p);
        if (p.BillingUsage != 0)
        {
            "cust_"u8.CopyTo(buf);
            int n = 5 + Derived.Number(p.Customer + 100_000, buf[5..]);
            w.WriteString(CustomerUid, buf[..n]);
            w.WriteString(CustomerUidUsage, p.UnknownEnum == 4 ? Catalog.UnknownBillingUsage : Catalog.BillingUsages[p.BillingUsage]);
        }
        else { w.WriteNull(CustomerUid); w.WriteNull(CustomerUidUsage); }
        if (isVbank)
        {
            w.WriteStartArray(DepositHistory);
            if (p.Has(PaymentFlags.FixedVbank) && settled)
            {
                w.WriteStartObject();
                WriteMoney(w, Amount, p.Amount, p.Currency);
                w.WriteNumber(DepositedAt, p.PaidAt);
                w.WriteString(DepositorName, buyer.Name);
                w.WriteString(PgTid, tid[..tidLen]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        else w.WriteNull(DepositHistory);
        if (p.EmbPg != 0) w.WriteString(EmbPgProvider, Catalog.EmbPgs[p.EmbPg]); else w.WriteNull(EmbPgProvider);
        w.WriteBoolean(Escrow, p.Has(PaymentFlags.Escrow));
        if (p.Status == PaymentStatus.Failed) w.WriteString(FailReason, Catalog.FailReasons[p.FailReason]); else w.WriteNull(FailReason);
        w.WriteNumber(FailedAt, p.FailedAt);
        w.WriteString(ImpUid, buf[..store.Codec.Format(p.Id, buf)]);
        w.WriteString(MerchantUid, buf[..Data.MerchantUid.Format(p.MerchantDay, p.MerchantSeq, buf)]);
        w.WriteString(Name, Catalog.ProductNames[p.Product]);
        w.WriteNumber(PaidAt, p.PaidAt);
        w.WriteString(PayMethod, p.UnknownEnum == 1 ? Catalog.UnknownPayMethod : Catalog.PayMethods[p.PayMethod]);
        w.WriteString(PgId, pg.PgIdJson);
        w.WriteString(PgProvider, p.UnknownEnum == 3 ? Catalog.UnknownPgProvider : pg.ProviderJson);
        if (hasTid) w.WriteString(PgTid, tid[..tidLen]); else w.WriteNull(PgTid);
        if (p.Has(PaymentFlags.Promotion))
        {
            w.WriteStartObject(Promotion);
            WriteMoney(w, Discount, p.Currency == Catalog.Usd ? 100 : 1_000, p.Currency);
            "promotion-id-"u8.CopyTo(buf);
            int n = 13 + Derived.Uuid(Derived.H(store, p, 900), Derived.H(store, p, 901), buf[13..]);
            w.WriteString(Id, buf[..n]);
            w.WriteEndObject();
        }
        else w.WriteNull(Promotion);
        int receiptLen = settled && !isVbank ? Derived.ReceiptUrl(p, tid[..tidLen], buf) : 0;
        if (receiptLen > 0) w.WriteString(ReceiptUrl, buf[..receiptLen]); else w.WriteNull(ReceiptUrl);
        w.WriteBoolean(Sandbox, p.Has(PaymentFlags.Sandbox));
        w.WriteNumber(StartedAt, p.StartedAt);
        w.WriteString(Status, Catalog.Statuses[(int)p.Status]);
        w.WriteString(UserAgent, Catalog.UserAgents[p.UserAgent]);
        if (isVbank)
        {
            Bank bank = Catalog.Banks[p.Bank];
            w.WriteString(VbankCode, bank.CodeJson);
            w.WriteNumber(VbankDate, p.VbankDate);
            if (pg.VbankHolderNull) w.WriteNull(VbankHolder);
            else w.WriteString(VbankHolder, Catalog.VbankHolders[p.Id % Catalog.VbankHolders.Length]);
            w.WriteNumber(VbankIssuedAt, p.VbankIssuedAt);
            w.WriteString(VbankName, bank.NameJson);
            w.WriteString(VbankNum, buf[..Derived.VbankNum(store, p, buf)]);
        }
        else
        {
            w.WriteNull(VbankCode); w.WriteNumber(VbankDate, 0); w.WriteNull(VbankHolder);
            w.WriteNumber(VbankIssuedAt, 0); w.WriteNull(VbankName); w.WriteNull(VbankNum);
        }
        if (p.Extra != 0) WriteExtra(w, store, p, buf);
        w.WriteEndObject();
    }

    /// <summary>KRW is whole; USD carries cents and is written the shortest way (14.2, 99.99, 5).</summary>
    public static void WriteMoney(Utf8JsonWriter w, JsonEncodedText name, long minor, byte currency)
    {
        if (currency == Catalog.Krw || minor % 100 == 0) { w.WriteNumber(name, currency == Catalog.Krw ? minor : minor / 100); return; }
        decimal value = minor % 10 == 0 ? new decimal(minor / 10) / 10m : new decimal(minor) / 100m;
        w.WriteNumber(name, value);
    }

    /// <summary>custom_data is a string that holds JSON, or null when the shop sent none.</summary>
    private static void WriteCustomData(Utf8JsonWriter w, PaymentStore store, Payment p)
    {
        if (p.CustomData == 0) { w.WriteNull(CustomData); return; }
        Span<char> c = stackalloc char[160];
        ulong h = Derived.H(store, p, 1000);
        int n;
        bool ok = p.CustomData switch
        {
            1 => c.TryWrite(CultureInfo.InvariantCulture, $"{{\"user_id\":{p.Customer + 1000},\"coupon\":null}}", out n),
            2 => c.TryWrite(CultureInfo.InvariantCulture, $"{{\"cart_id\":\"c_{h % 0xFFFFFFF:x7}\",\"items\":[{{\"sku\":\"SKU-{h % 9000 + 1000}\",\"qty\":{h % 3 + 1}}}]}}", out n),
            3 => c.TryWrite(CultureInfo.InvariantCulture, $"{{\"memo\":\"문 앞에 놓아주세요\",\"gift\":{(h % 2 == 0 ? "true" : "false")}}}", out n),
            4 => c.TryWrite(CultureInfo.InvariantCulture, $"{{\"channel\":\"app\",\"campaign\":\"summer_sale\",\"ref\":\"{h % 100000}\"}}", out n),
            _ => c.TryWrite(CultureInfo.InvariantCulture, $"{{\"subscription_id\":\"sub_{p.Customer}\",\"cycle\":{h % 24 + 1}}}", out n),
        };
        if (ok) w.WriteString(CustomData, c[..n]); else w.WriteNull(CustomData);
    }

    private static void WriteExtra(Utf8JsonWriter w, PaymentStore store, Payment p, Span<byte> buf)
    {
        switch (p.Extra)
        {
            case 1:
                "promo_"u8.CopyTo(buf);
                w.WriteString(PromotionIdField, buf[..(6 + Derived.Number((long)(Derived.H(store, p, 1100) % 1000), buf[6..]))]);
                break;
            case 2:
                w.WriteString(SettlementCurrency, KrwText);
                break;
            case 3:
                w.WriteStartObject(BnplInfo);
                w.WriteNumber(Installments, 3);
                w.WriteString(Provider, NewBnpl);
                w.WriteEndObject();
                break;
            case 4:
                w.WriteNumber(RiskScore, (Derived.H(store, p, 1200) % 100) / 100.0 + 0.005);
                break;
            default:
                w.WriteStartArray(Tags);
                w.WriteStringValue(Gift);
                w.WriteStringValue(FirstOrder);
                w.WriteEndArray();
                break;
        }
    }
}
