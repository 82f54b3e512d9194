using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>GET /payments/status/{payment_status}: filters, windows, sortings, paging and errors.</summary>
[Collection("data")]
public sealed class StatusQueryTests(DataFixture data)
{
    private Emulator E => data.Emulator;
    private long From => data.End - 60 * Api.Day;
    private long To => data.End - 5 * Api.Day;

    [Theory]
    [InlineData("ready", "started_at")]
    [InlineData("paid", "paid_at")]
    [InlineData("cancelled", "cancelled_at")]
    [InlineData("failed", "failed_at")]
    public async Task EachStatus_FiltersOnItsOwnWindowField(string status, string field)
    {
        List<JsonElement> list = await E.AllPagesAsync(status, From, To);
        Assert.NotEmpty(list);
        Assert.All(list, p =>
        {
            Assert.Equal(status, p.GetProperty("status").GetString());
            Assert.InRange(Api.Long(p, field), From, To);
        });
        // Exactly the payments of that status whose field lies in the window, judged from all the data.
        var expected = data.All.Where(p => p.GetProperty("status").GetString() == status && Api.Long(p, field) >= From && Api.Long(p, field) <= To)
            .Select(Api.ImpUid).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(expected, list.Select(Api.ImpUid).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(list.Select(Api.ImpUid).Order(), (await E.SnapshotAsync($"status={status}&from={From}&to={To}")).Order());
        if (status == "cancelled")
        {
            // Cancellations come days after the start: the window is on cancelled_at, not started_at.
            Assert.Contains(list, p => Api.Long(p, "started_at") < From);
        }
    }

    [Fact]
    public async Task All_FiltersEachPaymentByItsOwnStatusField()
    {
        List<JsonElement> list = await E.AllPagesAsync("all", From, To);
        Assert.All(list, p => Assert.InRange(Api.WindowTime(p), From, To));
        var expected = data.All.Where(p => Api.WindowTime(p) >= From && Api.WindowTime(p) <= To).Select(Api.ImpUid).Order();
        Assert.Equal(expected, list.Select(Api.ImpUid).Order());
        int sum = 0;
        foreach (string s in new[] { "ready", "paid", "cancelled", "failed" })
            sum += (await E.PageAsync(s, $"from={From}&to={To}")).GetProperty("total").GetInt32();
        Assert.Equal(list.Count, sum);
        Assert.Equal(4, list.Select(p => p.GetProperty("status").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task FromAndTo_AreBothInclusive()
    {
        JsonElement p = data.All.First(x => x.GetProperty("status").GetString() == "paid" && Api.Long(x, "paid_at") > data.End - 80 * Api.Day);
        long t = Api.Long(p, "paid_at");
        string id = Api.ImpUid(p);
        Assert.Contains(id, Ids(await E.PageAsync("paid", $"from={t}&to={t}&limit=1000")));
        Assert.Contains(id, Ids(await E.PageAsync("paid", $"from={t - 100}&to={t}&limit=1000")));
        Assert.Contains(id, Ids(await E.PageAsync("paid", $"from={t}&to={t + 100}&limit=1000")));
        Assert.DoesNotContain(id, Ids(await E.PageAsync("paid", $"from={t + 1}&to={t + 100}&limit=1000")));
        Assert.DoesNotContain(id, Ids(await E.PageAsync("paid", $"from={t - 100}&to={t - 1}&limit=1000")));
    }

    [Fact]
    public async Task Window_OfExactly90Days_IsFine_OneSecondMoreIs400()
    {
        long to = data.End;
        JsonElement ok = await E.PageAsync("all", $"from={to - 7_776_000}&to={to}");
        Assert.True(ok.GetProperty("total").GetInt32() > 0);
        (int s1, JsonElement j1) = await E.GetJsonAsync($"/payments/status/all?from={to - 7_776_001}&to={to}");
        Api.AssertError(400, -1, "검색기간은 최대 90일까지 가능합니다.", s1, j1);
        // Only from given: to defaults to now, so a from 91 days back is too long as well.
        (int s2, JsonElement j2) = await E.GetJsonAsync($"/payments/status/all?from={Api.Now() - 91 * Api.Day}");
        Api.AssertError(400, -1, "검색기간은 최대 90일까지 가능합니다.", s2, j2);
        (int s3, JsonElement j3) = await E.GetJsonAsync($"/payments/status/all?from={to}&to={to - 1}");
        Assert.Equal(400, s3);
        Assert.Equal(-1, j3.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(j3.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task DefaultWindow_IsTheLast90Days()
    {
        long before = Api.Now();
        JsonElement r = await E.PageAsync("all", "");
        long after = Api.Now();
        int total = r.GetProperty("total").GetInt32();
        int wider = (await E.SnapshotAsync($"from={before - Api.NinetyDays - 3}&to={after + 3}")).Count;
        int narrower = (await E.SnapshotAsync($"from={after - Api.NinetyDays + 3}&to={before - 3}")).Count;
        Assert.InRange(total, narrower, wider);
        Assert.InRange(total, 1, DataFixture.Count / 2); // a quarter of 365 days, not everything
        Assert.Equal(20, r.GetProperty("list").GetArrayLength()); // default limit
        // Only "to" given: from = to - 90 days.
        long to = data.End - 100 * Api.Day;
        JsonElement r2 = await E.PageAsync("all", $"to={to}");
        Assert.Equal((await E.SnapshotAsync($"from={to - Api.NinetyDays}&to={to}")).Count, r2.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/payments/status/refunded", "지원되지 않는 상태값입니다.")]
    [InlineData("/payments/status/PAID", "지원되지 않는 상태값입니다.")]
    [InlineData("/payments/status/all?limit=0", "limit은 1 이상 1000 이하의 정수여야 합니다.")]
    [InlineData("/payments/status/all?limit=1001", "limit은 1 이상 1000 이하의 정수여야 합니다.")]
    [InlineData("/payments/status/all?limit=ten", "limit은 1 이상 1000 이하의 정수여야 합니다.")]
    [InlineData("/payments/status/all?page=0", "page는 1 이상의 정수여야 합니다.")]
    [InlineData("/payments/status/all?page=-2", "page는 1 이상의 정수여야 합니다.")]
    [InlineData("/payments/status/all?sorting=started_at", "지원되지 않는 정렬기준입니다.")]
    [InlineData("/payments/status/all?sorting=%2Bpaid", "지원되지 않는 정렬기준입니다.")]
    [InlineData("/payments/status/all?sorting=-created", "지원되지 않는 정렬기준입니다.")]
    [InlineData("/payments/status/all?from=yesterday", "from, to는 UNIX timestamp(초 단위 정수)여야 합니다.")]
    [InlineData("/payments/status/all?to=1.5", "from, to는 UNIX timestamp(초 단위 정수)여야 합니다.")]
    public async Task BadParameters_Are400_WithAKoreanMessage(string path, string message)
    {
        (int status, JsonElement json) = await E.GetJsonAsync(path);
        Api.AssertError(400, -1, message, status, json);
    }

    [Fact]
    public async Task Limit1000_IsAllowed()
    {
        JsonElement r = await E.PageAsync("all", $"limit=1000&from={data.End - Api.NinetyDays}&to={data.End}");
        int total = r.GetProperty("total").GetInt32();
        Assert.True(total > 500);
        Assert.Equal(Math.Min(1000, total), r.GetProperty("list").GetArrayLength());
    }

    [Theory]
    [InlineData("-started")]
    [InlineData("started")]
    [InlineData("-paid")]
    [InlineData("paid")]
    [InlineData("-updated")]
    [InlineData("updated")]
    public async Task EverySorting_OrdersEveryPage_AndIsTheExactReverseOfItsOpposite(string sorting)
    {
        bool descending = sorting.StartsWith('-');
        string field = sorting.TrimStart('-');
        Func<JsonElement, long> key = field switch
        {
            "started" => p => Api.Long(p, "started_at"),
            "paid" => p => Api.Long(p, "paid_at"),
            _ => Api.Updated,
        };
        string opposite = descending ? field : "-" + field;
        foreach (string status in new[] { "all", "ready", "paid", "cancelled", "failed" })
        {
            List<JsonElement> list = await E.AllPagesAsync(status, From, To, sorting, limit: 97);
            Assert.True(list.Count > (status == "all" ? 300 : 10), $"{status}: {list.Count}");
            for (int i = 1; i < list.Count; i++)
            {
                long a = key(list[i - 1]), b = key(list[i]);
                Assert.True(descending ? a >= b : a <= b, $"{status} {sorting}: item {i} out of order ({a} then {b})");
            }
            Assert.Equal(list.Count, list.Select(Api.ImpUid).Distinct().Count());
            List<JsonElement> reverse = await E.AllPagesAsync(status, From, To, opposite, limit: 1000);
            Assert.Equal(list.Select(Api.ImpUid), reverse.Select(Api.ImpUid).Reverse());
        }
    }

    [Fact]
    public async Task Sortings_DifferFromEachOther()
    {
        // Guards against a server that ignores "sorting": the orders by the three fields are not the same.
        var started = (await E.AllPagesAsync("paid", From, To, "-started")).Select(Api.ImpUid).ToList();
        var paid = (await E.AllPagesAsync("paid", From, To, "-paid")).Select(Api.ImpUid).ToList();
        var updated = (await E.AllPagesAsync("paid", From, To, "-updated")).Select(Api.ImpUid).ToList();
        Assert.NotEqual(started, paid);
        Assert.NotEqual(paid, updated);
    }

    [Fact]
    public async Task Envelope_TotalPreviousNext_AcrossPages()
    {
        const int limit = 7;
        string window = $"from={From}&to={To}&limit={limit}";
        JsonElement first = await E.PageAsync("paid", window + "&page=1");
        int total = first.GetProperty("total").GetInt32();
        int pages = (total + limit - 1) / limit;
        Assert.True(pages >= 3);
        Assert.Equal(0, first.GetProperty("previous").GetInt32());
        Assert.Equal(2, first.GetProperty("next").GetInt32());
        Assert.Equal(limit, first.GetProperty("list").GetArrayLength());

        JsonElement middle = await E.PageAsync("paid", window + "&page=2");
        Assert.Equal(1, middle.GetProperty("previous").GetInt32());
        Assert.Equal(3, middle.GetProperty("next").GetInt32());
        Assert.Equal(total, middle.GetProperty("total").GetInt32());

        JsonElement last = await E.PageAsync("paid", window + $"&page={pages}");
        Assert.Equal(pages - 1, last.GetProperty("previous").GetInt32());
        Assert.Equal(0, last.GetProperty("next").GetInt32());
        Assert.Equal(total - (pages - 1) * limit, last.GetProperty("list").GetArrayLength());

        // Pages do not overlap: page 1 and page 2 are consecutive slices of the same order.
        var twoPages = Ids(first).Concat(Ids(middle)).ToList();
        var fourteen = Ids(await E.PageAsync("paid", $"from={From}&to={To}&limit={2 * limit}&page=1")).ToList();
        Assert.Equal(fourteen, twoPages);
    }

    [Fact]
    public async Task PageBeyondTheData_Is400_ButPage1OfNothingIsAnEmpty200()
    {
        string window = $"from={From}&to={To}&limit=50";
        int total = (await E.PageAsync("failed", window)).GetProperty("total").GetInt32();
        int lastPage = (total + 49) / 50;
        Assert.Equal(0, (await E.PageAsync("failed", window + $"&page={lastPage}")).GetProperty("next").GetInt32());
        (int s, JsonElement j) = await E.GetJsonAsync($"/payments/status/failed?{window}&page={lastPage + 1}");
        Api.AssertError(400, -1, "데이터 범위를 넘어선 page입니다.", s, j);

        JsonElement empty = await E.PageAsync("paid", "from=1000000000&to=1000086400");
        Assert.Equal(0, empty.GetProperty("total").GetInt32());
        Assert.Equal(0, empty.GetProperty("previous").GetInt32());
        Assert.Equal(0, empty.GetProperty("next").GetInt32());
        Assert.Equal(0, empty.GetProperty("list").GetArrayLength());
        (int s2, JsonElement j2) = await E.GetJsonAsync("/payments/status/paid?from=1000000000&to=1000086400&page=2");
        Api.AssertError(400, -1, "데이터 범위를 넘어선 page입니다.", s2, j2);
    }

    [Fact]
    public async Task SamePageTwice_IsByteIdentical()
    {
        string path = $"/payments/status/all?from={From}&to={To}&limit=100&page=3&sorting=-updated";
        using HttpResponseMessage a = await E.GetAsync(path);
        using HttpResponseMessage b = await E.GetAsync(path);
        Assert.Equal(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", a.Content.Headers.ContentType!.ToString());
    }

    private static IEnumerable<string> Ids(JsonElement response) => response.GetProperty("list").EnumerateArray().Select(Api.ImpUid);
}
