using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>Churn: payments change state and arrive while a client pages.</summary>
public sealed class ChurnTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task Churn_MovesAndAddsPayments_AndTheApiAgreesWithTheSnapshot()
    {
        long start = Api.Now();
        // The snapshot has no 90-day limit: compare everything, up to a "to" that takes in what churn stamps "now".
        string everything = $"from=0&to={start + 600}";
        var readyBefore = (await E.SnapshotAsync($"status=ready&{everything}")).ToHashSet();
        var paidBefore = (await E.SnapshotAsync($"status=paid&{everything}")).ToHashSet();
        var allBefore = (await E.SnapshotAsync(everything)).ToHashSet();

        await E.SetFaultsAsync(new { churn = 40 });
        try
        {
            await E.PageAsync("all", "limit=1"); // one request: 40 changes
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }

        var paid = (await E.SnapshotAsync($"status=paid&{everything}")).ToHashSet();
        var cancelled = (await E.SnapshotAsync($"status=cancelled&{everything}")).ToHashSet();
        var all = (await E.SnapshotAsync(everything)).ToHashSet();

        Assert.Contains(readyBefore, paid.Contains);      // ready -> paid
        Assert.Contains(paidBefore, cancelled.Contains);  // paid -> cancelled
        var arrived = all.Except(allBefore).ToHashSet();
        Assert.NotEmpty(arrived);

        // New payments are stamped now, or written late: inside the data span (the last 365 days), in the past.
        var arrivals = (await E.TruthAsync($"from=0&to={Api.Now() + 600}")).Where(t => arrived.Contains(t.ImpUid)).ToList();
        Assert.Equal(arrived.Count, arrivals.Count);
        Assert.All(arrivals, t => Assert.InRange(t.WindowTime, start - 366 * Api.Day, Api.Now() + 2));
        Assert.Contains(arrivals, t => t.StartedAt >= start - 2);
        Assert.Contains(arrivals, t => t.WindowTime < start - 3600);
        foreach (Truth t in arrivals.Take(5))
        {
            (int status, JsonElement json) = await E.GetJsonAsync($"/payments/{t.ImpUid}?include_sandbox=true");
            Assert.Equal(200, status);
            Assert.Equal(t, Truth.OfPayment(json.GetProperty("response")));
        }
        string moved = paidBefore.First(cancelled.Contains);
        JsonElement p = (await E.GetJsonAsync($"/payments/{moved}?include_sandbox=true")).Json.GetProperty("response");
        Assert.Equal("cancelled", p.GetProperty("status").GetString());
        Assert.Equal(p.GetProperty("amount").GetDecimal(), p.GetProperty("cancel_amount").GetDecimal());
        Assert.InRange(Api.Long(p, "cancelled_at"), start - 2, Api.Now() + 2);

        // The by-status API returns exactly the snapshot: the indexes followed every move.
        long to = start + 600, from = to - Api.NinetyDays;
        foreach (string s in new[] { "ready", "paid", "cancelled", "failed" })
        {
            var expected = (await E.SnapshotAsync($"status={s}&from={from}&to={to}")).Order();
            Assert.Equal(expected, (await E.AllPagesAsync(s, from, to)).Select(Api.ImpUid).Order());
        }
    }

    [Fact]
    public async Task ChangeLog_ListsEveryChurnChange_AsThePaymentShowsIt()
    {
        int before = (await E.ControlJsonAsync("/__emulator/changes")).GetArrayLength();
        long start = Api.Now();
        await E.SetFaultsAsync(new { churn = 30 });
        try
        {
            await E.PageAsync("failed", "limit=1"); // one request: 30 changes
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }
        var changes = (await E.ControlJsonAsync("/__emulator/changes")).EnumerateArray().Skip(before).ToList();
        Assert.Equal(30, changes.Count);

        // The last change of each payment is the state the API shows for it now.
        foreach (JsonElement change in changes.GroupBy(Api.ImpUid).Select(g => g.Last()))
        {
            JsonElement p = (await E.GetJsonAsync($"/payments/{Api.ImpUid(change)}?include_sandbox=true")).Json.GetProperty("response");
            string status = p.GetProperty("status").GetString()!;
            Assert.Equal(status, change.GetProperty("status").GetString());
            string statusTime = status switch { "ready" => "started_at", "paid" => "paid_at", "cancelled" => "cancelled_at", _ => "failed_at" };
            Assert.Equal(Api.Long(p, statusTime), Api.Long(change, "status_at"));
            long refunded = p.GetProperty("cancel_history").ValueKind == JsonValueKind.Array
                ? p.GetProperty("cancel_history").EnumerateArray().Select(c => Api.Long(c, "cancelled_at")).DefaultIfEmpty(0).Max() : 0;
            Assert.Equal(refunded, Api.Long(change, "refunded_at"));
            Assert.InRange(Api.Long(change, "changed_at"), start, Api.Now());
        }
    }

    [Fact]
    public async Task WithChurn_OffsetPagingOverALiveWindow_SeesChanges()
    {
        long to = Api.Now() + 600, from = to - Api.NinetyDays;
        await E.SetFaultsAsync(new { churn = 5 });
        try
        {
            var totals = new List<int>();
            for (int i = 0; i < 5; i++) totals.Add((await E.PageAsync("all", $"limit=10&from={from}&to={to}")).GetProperty("total").GetInt32());
            // Every request adds or moves payments: the total of the same window grows while paging.
            Assert.True(totals.Last() > totals.First(), string.Join(",", totals));
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }
    }
}

/// <summary>20,000 payments, so that a 30-day churn range holds every kind of payment a change can pick.</summary>
public sealed class ChurnRangeFixture : OwnEmulatorFixture
{
    // Stable ties: the test compares the API's pages, put together, with the truth in order.
    protected override string[] Args => ["--payments", "20000", "--seed", "5", "--fault-seed", "4", "--tie-order", "stable"];
}

/// <summary>churnFrom/churnTo: every change and every late write lands in the range a test reads.</summary>
public sealed class ChurnRangeTests(ChurnRangeFixture fixture) : IClassFixture<ChurnRangeFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task ChurnRange_ChangesOnlyPaymentsInTheRange_AndWritesLatePaymentsIntoIt_AndTheApiFollows()
    {
        long start = Api.Now();
        long from = start - 40 * Api.Day, to = start - 10 * Api.Day;
        var before = (await E.TruthAsync($"from=0&to={start + 600}")).ToDictionary(t => t.ImpUid);
        var inRangeBefore = new Dictionary<string, List<string>>();
        foreach (string s in Statuses) inRangeBefore[s] = await E.SnapshotAsync($"status={s}&from={from}&to={to}");

        await E.SetFaultsAsync(new { churn = 300, churnFrom = from, churnTo = to });
        try
        {
            await E.PageAsync("all", "limit=1"); // one request: 300 changes
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }
        long end = Api.Now();
        var after = (await E.TruthAsync($"from=0&to={end + 600}")).ToDictionary(t => t.ImpUid);

        // Existing payments: only those whose window time was in the range changed, and only in four ways.
        var changed = before.Values.Where(b => after[b.ImpUid] != b).Select(b => (Before: b, After: after[b.ImpUid])).ToList();
        Assert.All(changed, c => Assert.InRange(c.Before.WindowTime, from, to));
        Assert.All(changed, c => Assert.InRange(c.After.UpdatedAt, start - 1, end + 1));
        var kinds = changed.GroupBy(c => c.Before.Status + "->" + c.After.Status).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(new[] { "paid->cancelled", "paid->paid", "ready->failed", "ready->paid" }, kinds.Keys.Order());
        // State changes leave the range (stamped now); a partial refund keeps paid_at and moves only "updated".
        Assert.All(kinds["ready->paid"].Concat(kinds["ready->failed"]).Concat(kinds["paid->cancelled"]),
            c => Assert.InRange(c.After.WindowTime, start - 1, end + 1));
        Assert.All(kinds["paid->paid"], c => Assert.Equal(c.Before.PaidAt, c.After.PaidAt));
        // cancelled/failed: "updated" is the cancel/failure time.
        Assert.All(kinds["paid->cancelled"], c => Assert.Equal(c.After.CancelledAt, c.After.UpdatedAt));
        Assert.All(kinds["ready->failed"], c => Assert.Equal(c.After.FailedAt, c.After.UpdatedAt));

        // Arrivals: stamped now, or late writes of every status with all their times inside the range (unless a
        // later change of the same request picked them up again, which stamped them now).
        var arrivals = after.Values.Where(a => !before.ContainsKey(a.ImpUid)).ToList();
        var late = arrivals.Where(a => a.StartedAt <= to).ToList();
        var lateUntouched = late.Where(a => a.UpdatedAt <= to).ToList();
        Assert.All(arrivals.Except(late), a => Assert.InRange(a.StartedAt, start - 1, end + 1));
        Assert.Contains(arrivals, a => a.StartedAt >= start - 1 && a.Status == "ready");
        Assert.All(late, a => Assert.InRange(a.StartedAt, from, to));
        Assert.All(late.Except(lateUntouched), a => Assert.InRange(a.UpdatedAt, start - 1, end + 1));
        Assert.Equal(new[] { "cancelled", "failed", "paid", "ready" }, lateUntouched.Select(a => a.Status).Distinct().Order());
        Assert.All(lateUntouched, a => Assert.InRange(a.WindowTime, a.StartedAt, a.UpdatedAt));

        // The truth of the range moved, and the paged API agrees with it for every status.
        foreach (string s in Statuses)
        {
            var now = await E.SnapshotAsync($"status={s}&from={from}&to={to}");
            var api = (await E.AllPagesAsync(s, from, to, "-updated", limit: 250)).Select(Api.ImpUid).ToList();
            Assert.Equal(await E.SnapshotAsync($"status={s}&from={from}&to={to}&sorting=-updated"), api);
            Assert.Equal(now.ToHashSet(), api.ToHashSet());
            Assert.Superset(lateUntouched.Where(a => s == "all" || a.Status == s).Select(a => a.ImpUid).ToHashSet(), now.ToHashSet());
            Assert.NotEqual(inRangeBefore[s].Order(), now.Order());
        }
        Assert.Contains(inRangeBefore["ready"], id => after[id].Status != "ready");
    }

    private static readonly string[] Statuses = ["all", "ready", "paid", "cancelled", "failed"];
}
