using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace PortOne.Emulator.Tests;

/// <summary>
/// The truth (/__emulator/snapshot, a naive filter and sort over the whole store) and the API's indexed, cached
/// query code must agree: on random data, churned, touched and with bursts, for random statuses, sortings, windows
/// and page sizes. With stable ties the API's pages, put together, are exactly the truth; with random ties (the
/// default) each answer holds the truth's payments with the truth's sort times, in an order drawn per request.
/// </summary>
public sealed class TruthAgreementTests(ITestOutputHelper output)
{
    private static readonly string[] Statuses = ["all", "ready", "paid", "cancelled", "failed"];
    private static readonly string[] Sortings = ["-started", "started", "-paid", "paid", "-updated", "updated"];

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    [InlineData(303)]
    public async Task TheApisPages_AreExactlyTheNaiveTruth_OnRandomChurnedData(int seed)
    {
        var rng = new Random(seed);
        using Emulator e = await Emulator.StartAsync("--payments", "1500", "--seed", seed.ToString(), "--span-days", "60",
            "--fault-seed", seed.ToString(), "--tie-order", "stable");
        long now = Api.Now(), spanStart = now - 60 * Api.Day;
        await Disturb(e, rng, spanStart, now);
        // Window ends on payments' own times (or a second off), where an off-by-one would show.
        long[] times = (await e.TruthAsync($"status=all&from=0&to={now + 5}")).Select(t => t.WindowTime).ToArray();
        long End() => times[rng.Next(times.Length)] + rng.Next(-1, 2);

        for (int q = 0; q < 25; q++)
        {
            string status = Statuses[rng.Next(Statuses.Length)], sorting = Sortings[rng.Next(Sortings.Length)];
            long a = End(), b = rng.Next(4) == 0 ? a : End();
            long from = Math.Min(a, b), to = Math.Max(a, b);
            int limit = rng.Next(1, 400);
            // "updated" is not in the payload (and a touch moves it), so the facts compared are the payload's.
            var api = (await e.AllPagesAsync(status, from, to, sorting, limit)).Select(Truth.OfPayment).Select(Visible).ToList();
            var truth = (await e.TruthAsync($"status={status}&from={from}&to={to}&sorting={sorting}")).Select(Visible).ToList();
            string query = $"seed {seed}, query {q}: {status} {sorting} {from}..{to} limit {limit}";
            output.WriteLine($"{query}: {truth.Count} payments");
            Assert.True(api.SequenceEqual(truth), $"{query}: the API's pages and the truth disagree ({api.Count} vs {truth.Count})");
        }
    }

    [Fact]
    public async Task RandomTies_AreDrawnAfreshPerRequest_AndKeepTheSortTimes()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "500", "--seed", "9", "--span-days", "30");
        long second = Api.Now() - 3 * Api.Day;
        var burst = await e.BurstAsync(second, 300, "paid");
        string page = $"page=1&limit=1000&from={second - Api.Day}&to={second + Api.Day}&sorting=-paid";
        var first = (await e.PageAsync("paid", page)).GetProperty("list").EnumerateArray().Select(Truth.OfPayment).ToList();
        var again = (await e.PageAsync("paid", page)).GetProperty("list").EnumerateArray().Select(Truth.OfPayment).ToList();
        var truth = await e.TruthAsync($"status=paid&from={second - Api.Day}&to={second + Api.Day}&sorting=-paid");

        // The same payments, and the same sort times in the same places: only who is where inside a second changes.
        Assert.Equal(truth.Select(t => t.ImpUid).Order(), first.Select(t => t.ImpUid).Order());
        Assert.Equal(truth.Select(t => t.PaidAt), first.Select(t => t.PaidAt));
        Assert.Equal(truth.Select(t => t.PaidAt), again.Select(t => t.PaidAt));
        // 300 payments tie on one second: the chance that two draws (or a draw and id order) agree is nil.
        var burstOrder = first.Where(t => t.PaidAt == second).Select(t => t.ImpUid).ToList();
        Assert.Equal(300, burstOrder.Count);
        Assert.NotEqual(burstOrder, again.Where(t => t.PaidAt == second).Select(t => t.ImpUid));
        Assert.NotEqual(burstOrder, truth.Where(t => t.PaidAt == second).Select(t => t.ImpUid));
        Assert.Equal(burst.Order(), burstOrder.Order());
    }

    [Fact]
    public async Task RandomTies_MakeOffsetPagesOfOneSecondOverlapOrMiss()
    {
        // What a reader that pages a crowded second by offset meets: pages drawn apart do not tile the second.
        using Emulator e = await Emulator.StartAsync("--payments", "100", "--seed", "4", "--span-days", "30");
        long second = Api.Now() - 2 * Api.Day;
        var burst = await e.BurstAsync(second, 200, "paid");
        var seen = new List<string>();
        for (int p = 1; p <= 10; p++)
        {
            JsonElement r = await e.PageAsync("paid", $"page={p}&limit=20&from={second}&to={second}&sorting=-paid");
            seen.AddRange(r.GetProperty("list").EnumerateArray().Select(Api.ImpUid));
        }
        Assert.Equal(200, seen.Count);
        Assert.NotEqual(200, seen.Distinct().Count());
        Assert.All(seen, id => Assert.Contains(id, burst));
    }

    [Fact]
    public async Task TieOrder_StaysAsTheCommandLineSetIt_WhenFaultsAreReplaced()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "50", "--tie-order", "stable");
        await e.SetFaultsAsync(new { errorRate = 0.0 });
        Assert.Equal("stable", (await e.ControlJsonAsync("/__emulator/faults")).GetProperty("tieOrder").GetString());
        await e.SetFaultsAsync(new { tieOrder = "random" });
        Assert.Equal("random", (await e.ControlJsonAsync("/__emulator/faults")).GetProperty("tieOrder").GetString());
        using HttpResponseMessage bad = await e.Http.PostAsync("/__emulator/faults", Emulator.JsonBody(new { tieOrder = "sorted" }));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task Touch_MovesUpdatedOfCancelledAndFailedPaymentsLater_AndTheUpdatedSortingFollows()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "2000", "--seed", "12", "--span-days", "30", "--tie-order", "stable");
        long now = Api.Now(), from = now - 30 * Api.Day;
        var changesBefore = (await e.ControlJsonAsync("/__emulator/changes")).GetArrayLength();
        await e.SetFaultsAsync(new { touch = 40 });
        await e.PageAsync("all", "limit=1");
        await e.SetFaultsAsync(new { });

        var truth = await e.TruthAsync($"status=all&from={from}&to={now + 5}");
        var touched = truth.Where(t => (t.Status == "cancelled" && t.UpdatedAt > t.CancelledAt) || (t.Status == "failed" && t.UpdatedAt > t.FailedAt)).ToList();
        output.WriteLine($"{touched.Count} touched");
        Assert.InRange(touched.Count, 30, 40); // some picks may land on the same payment
        Assert.All(touched, t => Assert.InRange(t.UpdatedAt, now - 1, Api.Now() + 1));
        // Not a new state: the change log (the checkpoint tests' truth) has nothing to say about a touch.
        Assert.Equal(changesBefore, (await e.ControlJsonAsync("/__emulator/changes")).GetArrayLength());
        foreach (string status in new[] { "cancelled", "failed" })
        foreach (string sorting in new[] { "-updated", "updated" })
        {
            var api = (await e.AllPagesAsync(status, from, now + 5, sorting, limit: 50)).Select(Api.ImpUid).ToList();
            var expected = await e.TruthAsync($"status={status}&from={from}&to={now + 5}&sorting={sorting}");
            Assert.Equal(expected.Select(t => t.ImpUid), api);
            var updated = expected.Select(t => t.UpdatedAt).ToList();
            Assert.Equal(sorting[0] == '-' ? updated.OrderDescending() : updated.Order(), updated);
        }
    }

    private static Truth Visible(Truth t) => t with { UpdatedAt = 0 };

    /// <summary>Churn with touches, then bursts on random seconds, applied through API requests.</summary>
    private static async Task Disturb(Emulator e, Random rng, long spanStart, long now)
    {
        await e.SetFaultsAsync(new { churn = 30, touch = 10 });
        for (int i = 0; i < 10; i++) await e.PageAsync(Statuses[rng.Next(Statuses.Length)], "limit=1");
        await e.SetFaultsAsync(new { });
        foreach (string status in new[] { "ready", "paid", "cancelled", "failed" })
            await e.BurstAsync(spanStart + rng.NextInt64(now - spanStart), rng.Next(20, 120), status);
    }
}
