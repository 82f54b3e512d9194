using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>The payments themselves: every spec field, realistic values, consistent states.</summary>
[Collection("data")]
public sealed class PaymentShapeTests(DataFixture data)
{
    /// <summary>Every property of PaymentAnnotation in v1.openapi.json.</summary>
    public static readonly string[] SpecFields =
    [
        "imp_uid", "merchant_uid", "pay_method", "channel", "pg_provider", "emb_pg_provider", "pg_tid", "pg_id", "sandbox",
        "escrow", "apply_num", "bank_code", "bank_name", "card_code", "card_name", "card_issuer_code", "card_issuer_name",
        "card_publisher_code", "card_publisher_name", "card_quota", "card_number", "card_type", "vbank_code", "vbank_name",
        "vbank_num", "vbank_holder", "vbank_date", "vbank_issued_at", "name", "amount", "cancel_amount", "currency",
        "buyer_name", "buyer_email", "buyer_tel", "buyer_addr", "buyer_postcode", "custom_data", "user_agent", "status",
        "started_at", "paid_at", "failed_at", "cancelled_at", "fail_reason", "cancel_reason", "receipt_url", "cancel_history",
        "deposit_history", "cancel_receipt_urls", "cash_receipt_issued", "customer_uid", "customer_uid_usage", "promotion",
    ];

    private static readonly string[] Known = ["ready", "paid", "cancelled", "failed"];
    private List<JsonElement> All => data.All;

    private static string? Str(JsonElement p, string name) =>
        p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).GetString();

    [Fact]
    public void TheFixtureSawEveryPayment()
    {
        Assert.Equal(DataFixture.Count, All.Count);
        Assert.Equal(DataFixture.Count, All.Select(Api.ImpUid).Distinct().Count());
    }

    [Fact]
    public void EveryPayment_HasEverySpecField_AndTheRequiredOnesAreSet()
    {
        Assert.Equal(54, SpecFields.Length);
        Assert.All(All, p =>
        {
            foreach (string f in SpecFields) Assert.True(p.TryGetProperty(f, out _), $"{Api.ImpUid(p)} lacks {f}");
            foreach (string f in new[] { "imp_uid", "merchant_uid", "amount", "cancel_amount", "currency", "status", "sandbox" })
                Assert.NotEqual(JsonValueKind.Null, p.GetProperty(f).ValueKind);
            Assert.Contains(p.GetProperty("sandbox").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        });
    }

    [Fact]
    public void Identifiers_LookLikePortOnes()
    {
        var imp = new Regex(@"^imp_\d{12}$");
        var order = new Regex(@"^order_20\d{6}_\d{6}$");
        Assert.All(All, p =>
        {
            Assert.Matches(imp, Api.ImpUid(p));
            Assert.Matches(order, p.GetProperty("merchant_uid").GetString());
        });
        // Retried orders share a merchant_uid.
        Assert.Contains(All.GroupBy(p => p.GetProperty("merchant_uid").GetString()), g => g.Count() > 1);
    }

    [Fact]
    public void Status_IsAlwaysKnown_AndTimestampsFitTheState()
    {
        Assert.All(All, p =>
        {
            string status = p.GetProperty("status").GetString()!;
            Assert.Contains(status, Known);
            long started = Api.Long(p, "started_at"), paid = Api.Long(p, "paid_at"), failed = Api.Long(p, "failed_at"),
                cancelled = Api.Long(p, "cancelled_at");
            Assert.True(started > 0);
            switch (status)
            {
                case "ready":
                    Assert.Equal((0L, 0L, 0L), (paid, failed, cancelled));
                    break;
                case "failed":
                    Assert.Equal((0L, 0L), (paid, cancelled));
                    Assert.True(failed >= started);
                    Assert.NotNull(Str(p, "fail_reason"));
                    break;
                case "paid":
                    Assert.Equal((0L, 0L), (failed, cancelled));
                    Assert.True(paid >= started);
                    Assert.Null(Str(p, "fail_reason"));
                    Assert.Null(Str(p, "cancel_reason"));
                    break;
                default:
                    Assert.Equal(0L, failed);
                    Assert.True(cancelled >= paid && paid >= started);
                    Assert.Equal(p.GetProperty("amount").GetDecimal(), p.GetProperty("cancel_amount").GetDecimal());
                    Assert.NotNull(Str(p, "cancel_reason"));
                    break;
            }
        });
        Assert.All(Known, s => Assert.Contains(All, p => p.GetProperty("status").GetString() == s));
    }

    [Fact]
    public void Cancellations_AddUp_AndPartialOnesStayPaid()
    {
        string[] entryFields = ["pg_tid", "amount", "cancelled_at", "reason", "cancellation_id", "receipt_url"];
        Assert.All(All, p =>
        {
            var history = p.GetProperty("cancel_history").EnumerateArray().ToList();
            decimal sum = history.Sum(c => c.GetProperty("amount").GetDecimal());
            Assert.Equal(p.GetProperty("cancel_amount").GetDecimal(), sum);
            foreach (JsonElement c in history)
            {
                foreach (string f in entryFields) Assert.True(c.TryGetProperty(f, out _), $"cancel_history lacks {f}");
                Assert.True(c.GetProperty("amount").GetDecimal() > 0);
                Assert.True(Api.Long(c, "cancelled_at") >= Api.Long(p, "paid_at"));
                Assert.False(string.IsNullOrEmpty(c.GetProperty("reason").GetString()));
                Assert.Matches(new Regex("^[0-9A-Z]{26}$"), c.GetProperty("cancellation_id").GetString());
            }
            Assert.True(p.GetProperty("cancel_receipt_urls").GetArrayLength() <= history.Count);
        });
        var partial = All.Where(p => p.GetProperty("status").GetString() == "paid" && p.GetProperty("cancel_amount").GetDecimal() > 0).ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, p => Assert.True(p.GetProperty("cancel_amount").GetDecimal() < p.GetProperty("amount").GetDecimal()));
        Assert.Contains(All, p => p.GetProperty("cancel_history").GetArrayLength() > 1);
        Assert.Contains(All, p => p.GetProperty("cancel_receipt_urls").GetArrayLength() > 0);
    }

    [Fact]
    public void Money_KrwIsWhole_UsdHasDecimals()
    {
        Assert.All(All, p => Assert.Contains(p.GetProperty("currency").GetString(), new[] { "KRW", "USD" }));
        var krw = All.Where(p => p.GetProperty("currency").GetString() == "KRW").ToList();
        Assert.All(krw, p => Assert.Equal(0m, p.GetProperty("amount").GetDecimal() % 1));
        var usd = All.Where(p => p.GetProperty("currency").GetString() == "USD").ToList();
        Assert.NotEmpty(usd);
        Assert.All(usd, p => Assert.Contains(p.GetProperty("pg_provider").GetString(), new[] { "paypal_v2", "eximbay", "newpg" }));
        // 14.2, not 14.20: the raw JSON number has no trailing zero after the point.
        var fractional = usd.Where(p => p.GetProperty("amount").GetDecimal() % 1 != 0).ToList();
        Assert.True(fractional.Count > usd.Count / 2);
        Assert.All(fractional, p => Assert.DoesNotMatch(new Regex(@"\.\d*0$"), p.GetProperty("amount").GetRawText()));
    }

    [Fact]
    public void Cards_Vbanks_Banks_LookReal()
    {
        var cards = All.Where(p => p.GetProperty("pay_method").GetString() == "card" && p.GetProperty("status").GetString() == "paid").ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, p =>
        {
            Assert.Matches(new Regex(@"^\d{3}$"), Str(p, "card_code"));
            Assert.EndsWith("카드", Str(p, "card_name"));
            Assert.Matches(new Regex(@"^\d{6}[\d*]{10}$"), Str(p, "card_number"));
            Assert.Contains('*', Str(p, "card_number")!);
            Assert.Equal(JsonValueKind.Number, p.GetProperty("card_quota").ValueKind);
        });
        var types = cards.Select(p => p.GetProperty("card_type")).Select(t => t.ValueKind == JsonValueKind.Null ? "null" : t.GetInt32().ToString()).ToHashSet();
        Assert.Equal(new HashSet<string> { "0", "1", "null" }, types);
        Assert.Contains(cards, p => Str(p, "card_name") == "신한카드");

        var vbanks = All.Where(p => p.GetProperty("pay_method").GetString() == "vbank").ToList();
        Assert.NotEmpty(vbanks);
        Assert.All(vbanks, p =>
        {
            Assert.Matches(new Regex(@"^\d{10,16}$"), Str(p, "vbank_num"));
            Assert.Matches(new Regex(@"^\d{3}$"), Str(p, "vbank_code"));
            Assert.False(string.IsNullOrEmpty(Str(p, "vbank_name")));
            Assert.True(Api.Long(p, "vbank_date") > Api.Long(p, "vbank_issued_at"));
            Assert.True(Api.Long(p, "vbank_issued_at") >= Api.Long(p, "started_at"));
        });
        Assert.All(All.Except(vbanks), p => Assert.Equal((0L, 0L), (Api.Long(p, "vbank_date"), Api.Long(p, "vbank_issued_at"))));
        Assert.Contains(All, p => p.GetProperty("pay_method").GetString() == "trans" && Str(p, "bank_name") is not null);
        Assert.Contains(All, p => p.GetProperty("escrow").ValueKind == JsonValueKind.True);
        Assert.Contains(All, p => p.GetProperty("cash_receipt_issued").ValueKind == JsonValueKind.True);
    }

    [Fact]
    public void Variety_OfPgsChannelsBillingAndSandbox()
    {
        var pgs = All.Select(p => p.GetProperty("pg_provider").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "html5_inicis", "kcp", "tosspayments", "nice", "kakaopay", "naverpay", "paypal_v2", "eximbay" }, pgs);
        var channels = All.Select(p => p.GetProperty("channel").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "pc", "mobile", "api" }, channels);
        var usages = All.Select(p => Str(p, "customer_uid_usage")).ToHashSet();
        Assert.Superset(new HashSet<string?> { null, "issue", "payment", "payment.scheduled" }, usages);
        Assert.All(All.Where(p => Str(p, "customer_uid_usage") is not null), p => Assert.NotNull(Str(p, "customer_uid")));
        Assert.Contains(All, p => p.GetProperty("sandbox").ValueKind == JsonValueKind.True);
        Assert.Contains(All, p => Str(p, "emb_pg_provider") is not null);
        Assert.Contains(All, p => p.GetProperty("promotion").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public void CustomData_IsAStringHoldingJson_OrNull()
    {
        var kinds = All.Select(p => p.GetProperty("custom_data").ValueKind).ToHashSet();
        Assert.Equal(new HashSet<JsonValueKind> { JsonValueKind.String, JsonValueKind.Null }, kinds);
        Assert.All(All.Where(p => p.GetProperty("custom_data").ValueKind == JsonValueKind.String), p =>
        {
            using JsonDocument inner = JsonDocument.Parse(p.GetProperty("custom_data").GetString()!);
            Assert.Equal(JsonValueKind.Object, inner.RootElement.ValueKind);
        });
    }

    [Fact]
    public void Text_IsKorean()
    {
        static bool Hangul(string? s) => s is not null && s.Any(c => c >= '\uAC00' && c <= '\uD7A3');
        Assert.True(All.Count(p => Hangul(Str(p, "buyer_name"))) > All.Count * 0.9);
        Assert.True(All.Count(p => Hangul(Str(p, "name"))) > All.Count * 0.8);
        Assert.All(All.Where(p => Str(p, "buyer_addr") is not null), p => Assert.True(Hangul(Str(p, "buyer_addr"))));
        Assert.All(All.Where(p => p.GetProperty("status").GetString() == "failed"), p => Assert.True(Hangul(Str(p, "fail_reason"))));
    }

    [Fact]
    public void SomePayments_CarryUnknownFieldsAndValues()
    {
        var spec = SpecFields.ToHashSet();
        int withExtra = All.Count(p => p.EnumerateObject().Any(f => !spec.Contains(f.Name)));
        Assert.InRange(withExtra, All.Count / 200, All.Count / 20); // about 1 in 50

        var payMethods = new HashSet<string> { "card", "trans", "vbank", "phone", "point", "samsung", "cultureland", "booknlife", "smartculture", "paypal" };
        var channels = new HashSet<string> { "pc", "mobile", "api" };
        int unknownValues = All.Count(p =>
            !payMethods.Contains(p.GetProperty("pay_method").GetString()!) || !channels.Contains(p.GetProperty("channel").GetString()!)
            || p.GetProperty("pg_provider").GetString() == "newpg" || Str(p, "customer_uid_usage") == "payment.instant");
        Assert.InRange(unknownValues, All.Count / 500, All.Count / 30); // about 1 in 100
    }
}
