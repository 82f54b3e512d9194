using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>Helpers shared by the tests.</summary>
public static class Api
{
    public const long Day = 86_400;
    public const long NinetyDays = 90 * Day;

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string ImpUid(JsonElement p) => p.GetProperty("imp_uid").GetString()!;

    public static long Long(JsonElement p, string name) => p.GetProperty(name).GetInt64();

    /// <summary>
    /// PortOne's "updated" (not in the payload) as far as the payload tells it: the time of the last state change.
    /// A touch (the emulator's "touch" setting) moves a cancelled or failed payment's "updated" later than this.
    /// </summary>
    public static long Updated(JsonElement p) => p.GetProperty("status").GetString() switch
    {
        "ready" => Long(p, "started_at"),
        "cancelled" => Long(p, "cancelled_at"),
        "failed" => Long(p, "failed_at"),
        _ => Math.Max(Long(p, "paid_at"),
            p.GetProperty("cancel_history").EnumerateArray().Select(c => Long(c, "cancelled_at")).DefaultIfEmpty(0).Max()),
    };

    /// <summary>The field the by-status window filters on for this payment's current status.</summary>
    public static long WindowTime(JsonElement p) => p.GetProperty("status").GetString() switch
    {
        "ready" => Long(p, "started_at"),
        "paid" => Long(p, "paid_at"),
        "cancelled" => Long(p, "cancelled_at"),
        _ => Long(p, "failed_at"),
    };

    public static void AssertError(int expectedHttp, int expectedCode, string expectedMessage, int http, JsonElement json)
    {
        Assert.Equal(expectedHttp, http);
        Assert.Equal(expectedCode, json.GetProperty("code").GetInt32());
        Assert.Equal(expectedMessage, json.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("response").ValueKind);
    }
}

/// <summary>
/// 3,000 payments over the default 365 days, seed 7, no faults: shared by the query, shape and lookup tests,
/// which only read. <see cref="All"/> holds every payment, read once through the API in 90-day windows.
/// </summary>
public sealed class DataFixture : IAsyncLifetime
{
    public const int Count = 3000;
    public Emulator Emulator { get; private set; } = null!;
    public List<JsonElement> All { get; } = new();
    public long End { get; private set; }

    public async Task InitializeAsync()
    {
        // Stable ties: these tests compare the API's pages, put together, with the truth in order.
        Emulator = await Emulator.StartAsync("--payments", Count.ToString(), "--seed", "7", "--tie-order", "stable");
        End = Api.Now() + 5;
        for (long from = End - 370 * Api.Day; from <= End; from += Api.NinetyDays)
            All.AddRange(await Emulator.AllPagesAsync("all", from, Math.Min(End, from + Api.NinetyDays - 1)));
    }

    public Task DisposeAsync()
    {
        Emulator.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("data")]
public sealed class DataCollection : ICollectionFixture<DataFixture>;

/// <summary>A small emulator of its own, for tests that change global state (faults, churn, log, tokens).</summary>
public abstract class OwnEmulatorFixture : IAsyncLifetime
{
    public Emulator Emulator { get; private set; } = null!;

    protected abstract string[] Args { get; }

    public async Task InitializeAsync() => Emulator = await Emulator.StartAsync(Args);

    public Task DisposeAsync()
    {
        Emulator.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SmallFixture : OwnEmulatorFixture
{
    protected override string[] Args => ["--payments", "300", "--seed", "3"];
}

public sealed class ShortTokenFixture : OwnEmulatorFixture
{
    protected override string[] Args => ["--payments", "50", "--token-lifetime", "2"];
}

public sealed class CliFaultFixture : OwnEmulatorFixture
{
    protected override string[] Args =>
    [
        "--payments", "100", "--latency-ms", "5", "--error-rate", "0.1", "--rate-limit-rate", "0.2", "--retry-after", "7",
        "--drop-rate", "0.05", "--churn", "2", "--churn-from", "1700000000", "--churn-to", "1700086400", "--fault-seed", "9",
    ];
}
