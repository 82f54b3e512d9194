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
}
