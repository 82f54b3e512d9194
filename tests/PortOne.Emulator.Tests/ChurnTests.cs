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
        var arrived = all.Except(allBefore).ToList();
        Assert.NotEmpty(arrived);

        // New payments are stamped with the current time; state changes show in the payment itself.
        foreach (string id in arrived.Take(5))
        {
            (int status, JsonElement json) = await E.GetJsonAsync($"/payments/{id}?include_sandbox=true");
            Assert.Equal(200, status);
            Assert.InRange(Api.Long(json.GetProperty("response"), "started_at"), start - 2, Api.Now() + 2);
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
