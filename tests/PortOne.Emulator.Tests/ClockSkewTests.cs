using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>clockSkew: the emulator's clock set off this machine's, as PortOne's may be off a client's, both ways.</summary>
public sealed class ClockSkewTests
{
    private const long Hour = 3600;

    private static async Task<(long TokenNow, DateTimeOffset Date)> TokenAsync(Emulator e)
    {
        using HttpResponseMessage res = await e.Http.PostAsync("/users/getToken", Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("response").GetProperty("now").GetInt64(), res.Headers.Date!.Value);
    }

    [Theory]
    [InlineData(2 * Hour)]
    [InlineData(-2 * Hour)]
    public async Task TheSkewMovesGetTokensNow_TheDateHeader_AndTheDataTogether(long skew)
    {
        using Emulator e = await Emulator.StartAsync("--payments", "500", "--span-days", "1", "--clock-skew", skew.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (long tokenNow, DateTimeOffset date) = await TokenAsync(e);
        Assert.InRange(tokenNow - Api.Now(), skew - 5, skew + 5);
        Assert.InRange(date.ToUnixTimeSeconds() - Api.Now(), skew - 5, skew + 5);
        Assert.InRange(date.ToUnixTimeSeconds() - tokenNow, -1, 1);

        // The generated span ends at the emulator's now, and the default window is the emulator's last 90 days.
        long newest = (await e.TruthAsync("status=all&sorting=-started")).Max(t => t.StartedAt);
        Assert.InRange(newest, tokenNow - Hour, tokenNow);
        JsonElement page = await e.PageAsync("all", "limit=1&sorting=-started");
        Assert.Equal(newest, Api.Long(page.GetProperty("list")[0], "started_at"));
    }

    [Fact]
    public async Task TheSkewCanBeSetWhileRunning_AndEveryAnswerCarriesTheEmulatorsDate()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "10");
        using (HttpResponseMessage set = await e.Http.PostAsync("/__emulator/faults", Emulator.JsonBody(new { clockSkew = -3 * Hour })))
        {
            Assert.Equal(200, (int)set.StatusCode);
        }
        Assert.Equal(-3 * Hour, (await e.ControlJsonAsync("/__emulator/faults")).GetProperty("clockSkew").GetInt64());
        using HttpResponseMessage page = await e.GetAsync("/payments/status/all?limit=1");
        Assert.InRange(page.Headers.Date!.Value.ToUnixTimeSeconds() - Api.Now(), -3 * Hour - 5, -3 * Hour + 5);
        using HttpResponseMessage stats = await e.Http.GetAsync("/__emulator/stats");
        Assert.InRange(stats.Headers.Date!.Value.ToUnixTimeSeconds() - Api.Now(), -3 * Hour - 5, -3 * Hour + 5);
    }

    [Fact]
    public async Task AClockSkewThatIsNotWholeSecondsWithinTenYears_IsRefused()
    {
        using Emulator e = await Emulator.StartAsync("--payments", "10");
        foreach (string value in new[] { "1.5", "315360001", "-315360001", "\"soon\"" })
        {
            using var body = new StringContent("{\"clockSkew\":" + value + "}", System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage set = await e.Http.PostAsync("/__emulator/faults", body);
            Assert.True(400 == (int)set.StatusCode, value);
        }
    }
}
