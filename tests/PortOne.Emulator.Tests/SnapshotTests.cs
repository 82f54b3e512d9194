using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>/__emulator/snapshot is the truth: the API's answer to the same query, without paging.</summary>
[Collection("data")]
public sealed class SnapshotTruthTests(DataFixture data)
{
    private Emulator E => data.Emulator;

    public static TheoryData<string, string> Combinations()
    {
        var d = new TheoryData<string, string>();
        foreach (string status in new[] { "all", "ready", "paid", "cancelled", "failed" })
        foreach (string sorting in new[] { "-started", "started", "-paid", "paid", "-updated", "updated" })
            d.Add(status, sorting);
        return d;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task SnapshotDetail_IsTheApisAnswer_InTheApisOrder(string status, string sorting)
    {
        long to = data.End - 20 * Api.Day, from = to - 60 * Api.Day;
        var api = (await E.AllPagesAsync(status, from, to, sorting, limit: 100)).Select(Truth.OfPayment).ToList();
        var truth = await E.TruthAsync($"status={status}&from={from}&to={to}&sorting={sorting}");
        Assert.True(api.Count > (status == "ready" ? 5 : 30), $"{api.Count} payments");
        Assert.Equal(api, truth);
        Assert.Equal(api.Select(t => t.ImpUid), await E.SnapshotAsync($"status={status}&from={from}&to={to}&sorting={sorting}"));
        Assert.All(truth, t => Assert.InRange(t.WindowTime, from, to));
    }

    [Fact]
    public async Task Snapshot_FiltersBothEndsInclusively_LikeTheApi()
    {
        // A one-second window at a payment's window time holds it, in the snapshot and in the API alike.
        Truth some = (await E.TruthAsync($"status=paid&from={data.End - 80 * Api.Day}&to={data.End}"))[3];
        var api = (await E.AllPagesAsync("paid", some.WindowTime, some.WindowTime)).Select(Api.ImpUid).ToList();
        Assert.Contains(some.ImpUid, api);
        Assert.Equal(api, await E.SnapshotAsync($"status=paid&from={some.WindowTime}&to={some.WindowTime}"));
        Assert.DoesNotContain(some.ImpUid, await E.SnapshotAsync($"status=paid&from={some.WindowTime + 1}&to={some.WindowTime + 10}"));
        Assert.DoesNotContain(some.ImpUid, await E.SnapshotAsync($"status=paid&from={some.WindowTime - 10}&to={some.WindowTime - 1}"));
    }

    [Theory]
    [InlineData("status=all&from=200&to=100")]
    [InlineData("status=all&detail=yes")]
    [InlineData("status=refunded&detail=true")]
    [InlineData("sorting=-created&detail=true")]
    public async Task Snapshot_RejectsWhatTheApiRejects(string query)
    {
        using HttpResponseMessage res = await E.Http.GetAsync("/__emulator/snapshot?" + query);
        Assert.Equal(400, (int)res.StatusCode);
    }
}

/// <summary>Reading the truth must not change it: churn applies to API pages only.</summary>
public sealed class SnapshotChurnTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task Snapshot_DoesNotApplyChurn()
    {
        string everything = $"from=0&to={Api.Now() + 600}";
        await E.SetFaultsAsync(new { churn = 50 });
        try
        {
            int count = (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32();
            var first = await E.TruthAsync(everything);
            for (int i = 0; i < 5; i++) Assert.Equal(first, await E.TruthAsync(everything));
            Assert.Equal(first.Select(t => t.ImpUid), await E.SnapshotAsync(everything));
            Assert.Equal(count, (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32());

            await E.PageAsync("all", "limit=1"); // an API page does churn
            Assert.NotEqual(first, await E.TruthAsync(everything));
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }
    }
}
