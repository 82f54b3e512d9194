using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>/__emulator/requests, reset, stats, snapshot and the Server-Timing header.</summary>
public sealed class ControlTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task RequestLog_RecordsApiRequests_WithTier_AndNotControlCalls()
    {
        string token = await E.TokenAsync();
        using (await E.Http.PostAsync("/__emulator/reset", null)) { }
        using (await E.GetAsync("/payments/status/paid?limit=5&page=1", token, configure: r => r.Headers.Add("Tier", "T123"))) { }
        using (await E.GetAsync("/payments/imp_000000000000", "")) { }
        using (await E.Http.GetAsync("/__emulator/stats")) { }

        JsonElement log = await E.ControlJsonAsync("/__emulator/requests");
        Assert.Equal(2, log.GetArrayLength());
        JsonElement first = log[0], second = log[1];
        Assert.Equal("GET", first.GetProperty("method").GetString());
        Assert.Equal("/payments/status/paid", first.GetProperty("path").GetString());
        Assert.Equal("limit=5&page=1", first.GetProperty("query").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal("T123", first.GetProperty("tier").GetString());
        Assert.True(first.GetProperty("ms").GetDouble() >= 0);
        Assert.Equal("/payments/imp_000000000000", second.GetProperty("path").GetString());
        Assert.Equal("", second.GetProperty("query").GetString());
        Assert.Equal(401, second.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("tier").ValueKind);
    }

    [Fact]
    public async Task Reset_ClearsTheLog_ButNotTokensOrData()
    {
        string token = await E.TokenAsync();
        using (await E.GetAsync("/payments/status/all?limit=1", token)) { }
        Assert.True((await E.ControlJsonAsync("/__emulator/requests")).GetArrayLength() > 0);
        using (HttpResponseMessage reset = await E.Http.PostAsync("/__emulator/reset", null)) Assert.Equal(200, (int)reset.StatusCode);
        Assert.Equal(0, (await E.ControlJsonAsync("/__emulator/requests")).GetArrayLength());

        using HttpResponseMessage still = await E.GetAsync("/payments/status/all?limit=1", token);
        Assert.Equal(200, (int)still.StatusCode);
        Assert.Equal(300, (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32());
        Assert.Equal(1, (await E.ControlJsonAsync("/__emulator/requests")).GetArrayLength());
    }

    [Fact]
    public async Task Stats_CountPagesAndTheirServerTime()
    {
        JsonElement before = await E.ControlJsonAsync("/__emulator/stats");
        for (int i = 0; i < 3; i++) await E.PageAsync("all", "limit=100");
        JsonElement after = await E.ControlJsonAsync("/__emulator/stats");
        Assert.Equal(300, after.GetProperty("payments").GetInt32());
        Assert.True(after.GetProperty("loadMs").GetDouble() >= 0);
        Assert.InRange(after.GetProperty("workingSetMb").GetDouble(), 10, 2048);
        Assert.Equal(before.GetProperty("pageRequests").GetInt64() + 3, after.GetProperty("pageRequests").GetInt64());
        Assert.True(after.GetProperty("pageServerMsMedian").GetDouble() > 0);
    }

    [Fact]
    public async Task EveryApiResponse_CarriesServerTiming()
    {
        using (HttpResponseMessage token = await E.Http.PostAsync("/users/getToken",
                   Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret })))
            FaultTests.ServerTiming(token);
        using (HttpResponseMessage page = await E.GetAsync("/payments/status/all?limit=10")) FaultTests.ServerTiming(page);
        using (HttpResponseMessage missing = await E.GetAsync("/payments/imp_000000000000")) FaultTests.ServerTiming(missing);
        using (HttpResponseMessage unauthorized = await E.GetAsync("/payments/status/all", "")) FaultTests.ServerTiming(unauthorized);
        using (HttpResponseMessage bad = await E.GetAsync("/payments/status/nope")) FaultTests.ServerTiming(bad);
    }

    [Fact]
    public async Task Snapshot_MatchesTheApi_AndRejectsABadStatus()
    {
        long to = Api.Now(), from = to - Api.NinetyDays;
        var api = (await E.AllPagesAsync("failed", from, to, "-started")).Select(Api.ImpUid).ToList();
        var snapshot = await E.SnapshotAsync($"status=failed&from={from}&to={to}");
        Assert.Equal(api, snapshot); // same order too: default sorting -started
        using HttpResponseMessage bad = await E.Http.GetAsync("/__emulator/snapshot?status=refunded");
        Assert.Equal(400, (int)bad.StatusCode);
    }
}
