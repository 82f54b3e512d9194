using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>--seed, --payments, --span-days and --anchor decide the data completely.</summary>
public sealed class SeedTests
{
    private const long Anchor = 1_780_000_000;

    private static async Task<byte[]> AllBytesAsync(Emulator e)
    {
        // span 80 days < one 90-day window: a single page of 1000 holds every payment.
        using HttpResponseMessage res = await e.GetAsync($"/payments/status/all?limit=1000&from={Anchor - Api.NinetyDays}&to={Anchor}&sorting=started");
        Assert.Equal(200, (int)res.StatusCode);
        return await res.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task SameSeedCountSpanAndAnchor_GiveIdenticalPayments_AnotherSeedDoesNot()
    {
        string[] common = ["--payments", "400", "--span-days", "80", "--anchor", Anchor.ToString()];
        Task<Emulator> a = Emulator.StartAsync([.. common, "--seed", "42"]);
        Task<Emulator> b = Emulator.StartAsync([.. common, "--seed", "42"]);
        Task<Emulator> c = Emulator.StartAsync([.. common, "--seed", "43"]);
        using Emulator ea = await a, eb = await b, ec = await c;

        byte[] pa = await AllBytesAsync(ea), pb = await AllBytesAsync(eb), pc = await AllBytesAsync(ec);
        Assert.Equal(pa, pb);
        Assert.NotEqual(pa, pc);

        using JsonDocument da = JsonDocument.Parse(pa), dc = JsonDocument.Parse(pc);
        JsonElement ra = da.RootElement.GetProperty("response"), rc = dc.RootElement.GetProperty("response");
        Assert.Equal(400, ra.GetProperty("total").GetInt32());
        var idsA = ra.GetProperty("list").EnumerateArray().Select(Api.ImpUid).ToHashSet();
        var idsC = rc.GetProperty("list").EnumerateArray().Select(Api.ImpUid).ToHashSet();
        Assert.Empty(idsA.Intersect(idsC));
        // Everything lies inside the span that ends at the anchor.
        Assert.All(ra.GetProperty("list").EnumerateArray(), p =>
            Assert.InRange(Api.Long(p, "started_at"), Anchor - 80 * Api.Day, Anchor));
    }
}
