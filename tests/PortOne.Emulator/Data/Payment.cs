using System;

namespace PortOne.Emulator.Data;

/// <summary>The four states a payment can be in; the index doubles as the per-status index slot.</summary>
internal enum PaymentStatus : byte { Ready = 0, Paid = 1, Cancelled = 2, Failed = 3 }

[Flags]
internal enum PaymentFlags : byte
{
    None = 0,
    Escrow = 1,
    CashReceipt = 2,
    Sandbox = 4,
    Promotion = 8,
    NoAddress = 16,
    FixedVbank = 32,
    FailedWithTid = 64,
}

/// <summary>
/// One payment, kept lean so 1,000,000 fit easily: enum-like strings and texts are byte/ushort indexes into
/// <see cref="Catalog"/> tables, buyers are an index into <see cref="CustomerPool"/>, and strings that are unique per
/// payment (imp_uid, pg_tid, card_number, URLs...) are derived from Id and the seed when the JSON is written.
/// Mutable because churn changes state in place (always under the store's write lock).
/// </summary>
internal sealed class Payment
{
    public int Id;
    public PaymentStatus Status;
    public byte Pg;            // Catalog.Pgs
    public byte PayMethod;     // Catalog.PayMethods
    public byte Channel;       // Catalog.Channels
    public byte EmbPg;         // 0 = none, else Catalog.EmbPgs
    public byte Card;          // 0 = none, else Catalog.Cards
    public byte CardQuota;
    public sbyte CardType;     // -1 = null (some PGs do not report it)
    public byte Bank;          // 0 = none, else Catalog.Banks (trans: paying bank; vbank: deposit bank)
    public byte Currency;      // Catalog.Currencies
    public byte FailReason;    // Catalog.FailReasons
    public byte CancelReason;  // Catalog.CancelReasons, top-level cancel_reason when cancelled
    public byte CustomData;    // 0 = null, else a template kind
    public byte BillingUsage;  // 0 = none, 1 issue, 2 payment, 3 payment.scheduled
    public byte Extra;         // 0 = none, else an unknown extra field kind
    public byte UnknownEnum;   // 0 = none, 1 pay_method, 2 channel, 3 pg_provider, 4 customer_uid_usage
    public byte UserAgent;     // Catalog.UserAgents
    public PaymentFlags Flags;
    public ushort Product;     // Catalog.Products
    public int Customer;       // CustomerPool
    public int MerchantDay;    // yyyymmdd (KST) of the order
    public int MerchantSeq;    // order number within that day
    public int NextSameMerchant = -1; // older payment with the same merchant_uid (retries)
    public long Amount;        // minor units of Currency (KRW whole won, USD cents)
    public long CancelAmount;
    public long StartedAt;
    public long PaidAt;
    public long FailedAt;
    public long CancelledAt;
    public long UpdatedAt;     // last state change; not in the payload, used by the "updated" sortings
    public long VbankDate;
    public long VbankIssuedAt;
    public CancelEntry[]? Cancels;

    public bool Has(PaymentFlags f) => (Flags & f) != 0;

    /// <summary>The timestamp the by-status window filters on, chosen by the current status.</summary>
    public long WindowTime => Status switch
    {
        PaymentStatus.Ready => StartedAt,
        PaymentStatus.Paid => PaidAt,
        PaymentStatus.Cancelled => CancelledAt,
        _ => FailedAt,
    };

    public long SortTime(SortField f) => f switch
    {
        SortField.Started => StartedAt,
        SortField.Paid => PaidAt,
        _ => UpdatedAt,
    };
}

/// <summary>One (partial) cancellation; pg_tid, cancellation_id and receipt_url derive from (payment, Seq).</summary>
internal sealed class CancelEntry
{
    public long Amount;
    public long CancelledAt;
    public byte Reason;
    public byte Seq;
}

internal enum SortField : byte { Started, Paid, Updated }
