using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

public sealed class AddPaymentFixture : OwnEmulatorFixture
{
    protected override string[] Args => ["--payments", "50", "--seed", "5"];
}

/// <summary>POST /__emulator/payments: a payment placed on an exact second, for window-edge tests.</summary>
public sealed class AddPaymentTests(AddPaymentFixture fixture) : IClassFixture<AddPaymentFixture>
{
    private Emulator E => fixture.Emulator;

    // 2020-09-13: years before any generated payment, so the second holds only what a test adds.
    private const long Base = 1_600_000_000;

    [Theory]
    [InlineData("ready", "started_at", 0)]
    [InlineData("paid", "paid_at", 10)]
    [InlineData("cancelled", "cancelled_at", 20)]
    [InlineData("failed", "failed_at", 30)]
    public async Task AddedPayment_LiesOnItsSecond_ForItsStatus(string status, string timeField, long offset)
    {
        long at = Base + offset;
        string impUid = await AddAsync(status, at);

        JsonElement page = await E.PageAsync(status, $"from={at}&to={at}&limit=10");
        JsonElement only = Assert.Single(page.GetProperty("list").EnumerateArray());
        Assert.Equal(impUid, Api.ImpUid(only));
        Assert.Equal(status, only.GetProperty("status").GetString());
        Assert.Equal(at, Api.Long(only, timeField));
        Assert.Equal(at, Api.Long(only, "started_at"));

        Assert.Equal(0, (await E.PageAsync(status, $"from={at + 1}&to={at + 5}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await E.PageAsync(status, $"from={at - 5}&to={at - 1}")).GetProperty("total").GetInt32());
        Assert.Contains(impUid, await E.SnapshotAsync($"status=all&from={at}&to={at}"));
        (int code, JsonElement one) = await E.GetJsonAsync($"/payments/{impUid}?include_sandbox=true");
        Assert.Equal(200, code);
        Assert.Equal(impUid, Api.ImpUid(one.GetProperty("response")));
    }

    [Theory]
    [InlineData("{\"status\":\"refunded\",\"at\":1600000000}")]
    [InlineData("{\"status\":\"all\",\"at\":1600000000}")]
    [InlineData("{\"status\":\"paid\"}")]
    [InlineData("{\"status\":\"paid\",\"at\":\"noon\"}")]
    [InlineData("not json")]
    public async Task BadBody_Is400_AndAddsNothing(string body)
    {
        int before = (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage res = await E.Http.PostAsync("/__emulator/payments", content);
        Assert.Equal(400, (int)res.StatusCode);
        Assert.Contains("status", await res.Content.ReadAsStringAsync());
        Assert.Equal(before, (await E.ControlJsonAsync("/__emulator/stats")).GetProperty("payments").GetInt32());
    }

    private async Task<string> AddAsync(string status, long at)
    {
        using HttpResponseMessage res = await E.Http.PostAsync("/__emulator/payments", Emulator.JsonBody(new { status, at }));
        string text = await res.Content.ReadAsStringAsync();
        Assert.True((int)res.StatusCode == 200, text);
        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("imp_uid").GetString()!;
    }
}
