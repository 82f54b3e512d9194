using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>GET /payments/{imp_uid} and GET /payments/find/{merchant_uid}/{payment_status}.</summary>
[Collection("data")]
public sealed class LookupTests(DataFixture data)
{
    private const string NotFound = "존재하지 않는 결제정보입니다.";
    private Emulator E => data.Emulator;

    [Fact]
    public async Task ByImpUid_ReturnsExactlyThePaymentOfTheList()
    {
        foreach (JsonElement p in data.All.Where(p => p.GetProperty("sandbox").ValueKind == JsonValueKind.False).Take(25))
        {
            (int status, JsonElement json) = await E.GetJsonAsync("/payments/" + Api.ImpUid(p));
            Assert.Equal(200, status);
            Assert.Equal(0, json.GetProperty("code").GetInt32());
            Assert.Equal(p.GetRawText(), json.GetProperty("response").GetRawText());
        }
    }

    [Theory]
    [InlineData("imp_000000000000")]
    [InlineData("imp_999999999999")]
    [InlineData("not-an-imp-uid")]
    public async Task ByImpUid_Unknown_Is404(string impUid)
    {
        (int status, JsonElement json) = await E.GetJsonAsync("/payments/" + impUid);
        Api.AssertError(404, 1, NotFound, status, json);
    }

    [Fact]
    public async Task SandboxPayments_NeedIncludeSandbox()
    {
        JsonElement p = data.All.First(p => p.GetProperty("sandbox").ValueKind == JsonValueKind.True);
        (int hidden, JsonElement json) = await E.GetJsonAsync("/payments/" + Api.ImpUid(p));
        Api.AssertError(404, 1, NotFound, hidden, json);
        (int shown, JsonElement found) = await E.GetJsonAsync("/payments/" + Api.ImpUid(p) + "?include_sandbox=true");
        Assert.Equal(200, shown);
        Assert.Equal(p.GetRawText(), found.GetProperty("response").GetRawText());
    }

    [Fact]
    public async Task FindByMerchantUid_ReturnsTheMostRecent_OrTheFirstInTheGivenSorting()
    {
        var group = data.All.GroupBy(p => p.GetProperty("merchant_uid").GetString()!)
            .First(g => g.Count() > 1 && g.Select(p => Api.Long(p, "started_at")).Distinct().Count() == g.Count());
        JsonElement newest = group.MaxBy(p => Api.Long(p, "started_at"));
        JsonElement oldest = group.MinBy(p => Api.Long(p, "started_at"));

        (int s1, JsonElement j1) = await E.GetJsonAsync($"/payments/find/{group.Key}");
        Assert.Equal(200, s1);
        Assert.Equal(Api.ImpUid(newest), Api.ImpUid(j1.GetProperty("response")));

        (int s2, JsonElement j2) = await E.GetJsonAsync($"/payments/find/{group.Key}?sorting=started");
        Assert.Equal(200, s2);
        Assert.Equal(Api.ImpUid(oldest), Api.ImpUid(j2.GetProperty("response")));

        // With a status: the most recent payment of that order in that status.
        string status = oldest.GetProperty("status").GetString()!;
        JsonElement expected = group.Where(p => p.GetProperty("status").GetString() == status).MaxBy(p => Api.Long(p, "started_at"));
        (int s3, JsonElement j3) = await E.GetJsonAsync($"/payments/find/{group.Key}/{status}");
        Assert.Equal(200, s3);
        Assert.Equal(Api.ImpUid(expected), Api.ImpUid(j3.GetProperty("response")));
        Assert.Equal(expected.GetRawText(), j3.GetProperty("response").GetRawText());
    }

    [Fact]
    public async Task FindByMerchantUid_NoSuchOrderOrStatus_Is404_BadStatusIs400()
    {
        (int s1, JsonElement j1) = await E.GetJsonAsync("/payments/find/order_19990101_000001");
        Api.AssertError(404, 1, NotFound, s1, j1);

        JsonElement readyOnly = data.All.GroupBy(p => p.GetProperty("merchant_uid").GetString()!)
            .First(g => g.Count() == 1 && g.Single().GetProperty("status").GetString() == "ready").Single();
        string merchant = readyOnly.GetProperty("merchant_uid").GetString()!;
        (int s2, JsonElement j2) = await E.GetJsonAsync($"/payments/find/{merchant}/paid");
        Api.AssertError(404, 1, NotFound, s2, j2);
        (int s3, JsonElement j3) = await E.GetJsonAsync($"/payments/find/{merchant}/ready");
        Assert.Equal(200, s3);
        Assert.Equal(Api.ImpUid(readyOnly), Api.ImpUid(j3.GetProperty("response")));

        (int s4, JsonElement j4) = await E.GetJsonAsync($"/payments/find/{merchant}/refunded");
        Api.AssertError(400, -1, "지원되지 않는 상태값입니다.", s4, j4);
    }
}
