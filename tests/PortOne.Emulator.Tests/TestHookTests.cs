using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>The hooks end-to-end tests of the client wait on and steer by: request arrival times, getToken errors.</summary>
public sealed class TestHookTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private Emulator E => fixture.Emulator;

    [Fact]
    public async Task RequestLog_SaysWhenEachRequestArrived()
    {
        string token = await E.TokenAsync();
        using (await E.Http.PostAsync("/__emulator/reset", null)) { }
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (await E.GetAsync("/payments/status/all?limit=1", token)) { }
        long between = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (await E.GetAsync("/payments/status/all?limit=2", token)) { }
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        JsonElement log = await E.ControlJsonAsync("/__emulator/requests");
        long first = log[0].GetProperty("at").GetInt64(), second = log[1].GetProperty("at").GetInt64();
        // Same machine, same clock: each arrival lies between the moments the test sent and got its answer.
        Assert.InRange(first, before, between);
        Assert.InRange(second, between, after);
    }

    [Fact]
    public async Task TokenErrors_AnswerThatManyGetTokens503_ThenTokensAgain()
    {
        try
        {
            await E.SetFaultsAsync(new { tokenErrors = 2 });
            Assert.Equal(2, (await E.ControlJsonAsync("/__emulator/faults")).GetProperty("tokenErrors").GetInt32());
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++)
            {
                using HttpResponseMessage res = await E.Http.PostAsync("/users/getToken",
                    Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
                statuses[i] = (int)res.StatusCode;
            }
            Assert.Equal([503, 503, 200], statuses);
            // Payments are not touched by it.
            using HttpResponseMessage page = await E.GetAsync("/payments/status/all?limit=1");
            Assert.Equal(200, (int)page.StatusCode);
        }
        finally { await E.SetFaultsAsync(new { }); }
    }

    [Fact]
    public async Task InFlight_ListsAStalledRequest_UntilItsClientLeaves()
    {
        string token = await E.TokenAsync();
        await E.SetFaultsAsync(new { stallMs = 3_600_000 });
        try
        {
            using var leave = new System.Threading.CancellationTokenSource();
            Task<HttpResponseMessage> stalled = E.GetAsync("/payments/status/all?limit=3", token, leave.Token);
            JsonElement entry = await Poll(async () =>
            {
                JsonElement now = await E.ControlJsonAsync("/__emulator/requests/inflight");
                return now.GetArrayLength() > 0 ? now[0] : (JsonElement?)null;
            });
            Assert.Equal("/payments/status/all", entry.GetProperty("path").GetString());
            Assert.Equal(token, entry.GetProperty("token").GetString());
            leave.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
            await Poll(async () => (await E.ControlJsonAsync("/__emulator/requests/inflight")).GetArrayLength() == 0 ? true : (bool?)null);
        }
        finally { await E.SetFaultsAsync(new { }); }
    }

    [Fact]
    public async Task ExpiringTheToken_Makes401_ThenGetTokenIssuesANewOne()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "10"); // its own: the shared one's token stays good
        string old = await e.TokenAsync();
        using (HttpResponseMessage expire = await e.Http.PostAsync("/__emulator/tokens/expire", null)) Assert.Equal(200, (int)expire.StatusCode);
        using (HttpResponseMessage refused = await e.GetAsync("/payments/status/all?limit=1", old)) Assert.Equal(401, (int)refused.StatusCode);
        using HttpResponseMessage res = await e.Http.PostAsync("/users/getToken", Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        string fresh = doc.RootElement.GetProperty("response").GetProperty("access_token").GetString()!;
        Assert.NotEqual(old, fresh);
        using HttpResponseMessage ok = await e.GetAsync("/payments/status/all?limit=1", fresh);
        Assert.Equal(200, (int)ok.StatusCode);
    }

    /// <summary>Polls until <paramref name="probe"/> has an answer; the guard only stops a hang.</summary>
    private static async Task<T> Poll<T>(Func<Task<T?>> probe) where T : struct
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await probe() is T found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("the awaited state never came");
    }
}
