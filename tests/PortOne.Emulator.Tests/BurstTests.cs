using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>POST /__emulator/payments/burst: many payments in one second of window time.</summary>
public sealed class BurstTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task Burst_AddsPaymentsThatShareOneSecond_AndTheApiPagesThroughIt()
    {
        long at = Api.Now() - 5 * Api.Day;
        var before = await E.SnapshotAsync($"status=paid&from={at}&to={at}");
        var ids = await E.BurstAsync(at, 2500, "paid");
        Assert.Equal(2500, ids.Distinct().Count());

        var truth = await E.TruthAsync($"status=paid&from={at}&to={at}");
        Assert.Equal(before.Concat(ids).ToHashSet(), truth.Select(t => t.ImpUid).ToHashSet());
        var idSet = ids.ToHashSet();
        var burst = truth.Where(t => idSet.Contains(t.ImpUid)).ToList();
        Assert.Equal(ids.Count, burst.Count);
        Assert.All(burst, t => Assert.Equal((at, at, at, at), (t.WindowTime, t.StartedAt, t.PaidAt, t.UpdatedAt)));

        // More than two pages of 1,000 within that second, in every sorting: with stable ties (asked for: offset
        // pages of one second only tile it when ties keep their order) the API's pages add up to the truth.
        await E.SetFaultsAsync(new { tieOrder = "stable" });
        try
        {
            foreach (string sorting in new[] { "-paid", "started", "-updated" })
            {
                var api = (await E.AllPagesAsync("paid", at, at, sorting, limit: 1000)).Select(Api.ImpUid).ToList();
                Assert.Equal(await E.SnapshotAsync($"status=paid&from={at}&to={at}&sorting={sorting}"), api);
                Assert.Equal(truth.Count, api.Count);
            }
        }
        finally { await E.SetFaultsAsync(new { }); }
        // A neighbouring window does not see them.
        Assert.DoesNotContain(ids[0], await E.SnapshotAsync($"status=paid&from={at + 1}&to={at + 100}"));
    }

    [Theory]
    [InlineData("ready")]
    [InlineData("cancelled")]
    [InlineData("failed")]
    public async Task Burst_OfAnyStatus_PutsItsWindowTimeOnThatSecond(string status)
    {
        long at = Api.Now() - 30 * Api.Day - 17;
        var ids = await E.BurstAsync(at, 3, status);
        var truth = await E.TruthAsync($"status={status}&from={at}&to={at}");
        Assert.Superset(ids.ToHashSet(), truth.Select(t => t.ImpUid).ToHashSet());
        Assert.All(truth.Where(t => ids.Contains(t.ImpUid)), t =>
        {
            Assert.Equal(status, t.Status);
            Assert.Equal(at, t.WindowTime);
            Assert.Equal(at, t.UpdatedAt); // updated is the window time for ready, cancelled and failed
        });
    }

    [Theory]
    [InlineData("""{"count":5}""")]
    [InlineData("""{"at":1700000000}""")]
    [InlineData("""{"at":1700000000,"count":0}""")]
    [InlineData("""{"at":1700000000,"count":10001}""")]
    [InlineData("""{"at":-1,"count":5}""")]
    [InlineData("""{"at":1700000000,"count":5,"status":"all"}""")]
    [InlineData("""{"at":1700000000,"count":5,"sttus":"paid"}""")]
    [InlineData("""[1700000000,5]""")]
    public async Task Burst_RejectsBadRequests_AndAddsNothing(string body)
    {
        int count = (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32();
        using HttpResponseMessage res = await E.Http.PostAsync("/__emulator/payments/burst",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)res.StatusCode);
        Assert.Equal(count, (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32());
    }
}
