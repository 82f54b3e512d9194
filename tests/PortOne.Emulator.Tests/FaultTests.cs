using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>Every fault kind, switched on at run time through /__emulator/faults (tests in a class run one by one).</summary>
public sealed class FaultTests(SmallFixture fixture) : IClassFixture<SmallFixture>, IAsyncLifetime
{
    private Emulator E => fixture.Emulator;
    private static readonly long To = Api.Now();
    private static readonly string Page = $"/payments/status/all?limit=50&from={To - Api.NinetyDays}&to={To}";

    public async Task InitializeAsync()
    {
        await E.TokenAsync(); // before any fault: getToken is never faulted anyway
        await E.SetFaultsAsync(new { });
    }

    public Task DisposeAsync() => E.SetFaultsAsync(new { });

    [Fact]
    public async Task ErrorRate_AnswersThatShareWith500_502_503_InJsonOrText()
    {
        await E.SetFaultsAsync(new { errorRate = 0.3 });
        var statuses = new List<int>();
        var types = new HashSet<string>();
        for (int i = 0; i < 200; i++)
        {
            using HttpResponseMessage res = await E.GetAsync("/payments/status/all?limit=1");
            statuses.Add((int)res.StatusCode);
            if ((int)res.StatusCode >= 500) types.Add(res.Content.Headers.ContentType!.MediaType!);
        }
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 500, 502, 503 }));
        Assert.InRange(statuses.Count(s => s >= 500), 35, 85); // 30 % of 200 = 60
        Assert.Equal(3, statuses.Where(s => s >= 500).Distinct().Count());
        Assert.Equal(new HashSet<string> { "application/json", "text/plain" }, types);
    }

    [Fact]
    public async Task RateLimit_Is429_WithRetryAfterInSecondsOrAsADate()
    {
        await E.SetFaultsAsync(new { rateLimitRate = 1.0, retryAfter = "3" });
        using (HttpResponseMessage res = await E.GetAsync(Page))
        {
            Assert.Equal(429, (int)res.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), res.Headers.RetryAfter!.Delta);
            using JsonDocument body = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
            Assert.NotEqual(0, body.RootElement.GetProperty("code").GetInt32());
        }
        await E.SetFaultsAsync(new { rateLimitRate = 1.0, retryAfter = "Wed, 21 Oct 2026 07:28:00 GMT" });
        using (HttpResponseMessage res = await E.GetAsync("/payments/imp_123456789012"))
        {
            Assert.Equal(429, (int)res.StatusCode);
            Assert.Equal(new DateTimeOffset(2026, 10, 21, 7, 28, 0, TimeSpan.Zero), res.Headers.RetryAfter!.Date);
        }
    }

    [Fact]
    public async Task Drop_StartsA200Body_ThenBreaksTheConnection()
    {
        await E.SetFaultsAsync(new { dropRate = 1.0 });
        for (int i = 0; i < 3; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, Page);
            req.Headers.Authorization = new("Bearer", await E.TokenAsync());
            using HttpResponseMessage res = await E.Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)res.StatusCode);
            Assert.True(res.Content.Headers.ContentLength > 100);
            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => res.Content.ReadAsByteArrayAsync());
            Assert.True(e is HttpRequestException or IOException, e.ToString());
        }
        // The emulator itself is fine afterwards.
        await E.SetFaultsAsync(new { });
        using HttpResponseMessage ok = await E.GetAsync(Page);
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Fact]
    public async Task Html_IsAProxyPage_As200Or502()
    {
        await E.SetFaultsAsync(new { htmlRate = 1.0 });
        var statuses = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            using HttpResponseMessage res = await E.GetAsync(Page);
            statuses.Add((int)res.StatusCode);
            Assert.Equal("text/html", res.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<html", await res.Content.ReadAsStringAsync());
        }
        Assert.Equal(new HashSet<int> { 200, 502 }, statuses);
    }

    [Fact]
    public async Task Malformed_Is200Json_ThatDoesNotParse()
    {
        await E.SetFaultsAsync(new { malformedRate = 1.0 });
        for (int i = 0; i < 10; i++)
        {
            using HttpResponseMessage res = await E.GetAsync(Page);
            Assert.Equal(200, (int)res.StatusCode);
            Assert.Equal("application/json", res.Content.Headers.ContentType!.MediaType);
            string body = await res.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body).Dispose());
        }
    }

    [Fact]
    public async Task Truncated_IsWellFramed_ButTheJsonIsCutInTheMiddle()
    {
        byte[] full;
        using (HttpResponseMessage res = await E.GetAsync(Page)) full = await res.Content.ReadAsByteArrayAsync();
        await E.SetFaultsAsync(new { truncatedRate = 1.0 });
        using HttpResponseMessage cut = await E.GetAsync(Page);
        Assert.Equal(200, (int)cut.StatusCode);
        byte[] body = await cut.Content.ReadAsByteArrayAsync();
        Assert.Equal(cut.Content.Headers.ContentLength, body.Length);
        Assert.InRange(body.Length, 1, full.Length - 1);
        Assert.Equal(full.Take(body.Length), body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body).Dispose());
    }

    [Fact]
    public async Task CodeNonZero_Is200_WithAKoreanMessageAndNoResponse()
    {
        await E.SetFaultsAsync(new { codeNonZeroRate = 1.0 });
        (int status, JsonElement json) = await E.GetJsonAsync(Page);
        Assert.Equal(200, status);
        Assert.NotEqual(0, json.GetProperty("code").GetInt32());
        Assert.Matches(new Regex("[\uAC00-\uD7A3]"), json.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("response").ValueKind);
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer_ButNotTheServerTiming()
    {
        const int latency = 1500;
        await E.SetFaultsAsync(new { latencyMs = latency });
        var clock = Stopwatch.StartNew();
        using HttpResponseMessage res = await E.GetAsync(Page);
        clock.Stop();
        Assert.Equal(200, (int)res.StatusCode);
        // Time is the behaviour here. The answer cannot come sooner than the latency, however idle the machine.
        Assert.True(clock.ElapsedMilliseconds >= latency, $"{clock.ElapsedMilliseconds} ms");
        // The server's own time leaves the injected wait out: it is at most what the client waited minus that wait
        // (the server's clock runs inside the client's), however loaded the machine. Counted in, it would be more.
        double dur = ServerTiming(res);
        Assert.InRange(dur, 0, clock.Elapsed.TotalMilliseconds - latency + 1);
    }

    [Fact]
    public async Task Stall_CanBeCancelledByTheClient()
    {
        // A stall far longer than the test: the server must end it because the client left, not because it ran out.
        await E.SetFaultsAsync(new { stallMs = 3_600_000 });
        using (await E.Http.PostAsync("/__emulator/reset", null)) { }
        using var cts = new CancellationTokenSource(300);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => E.GetAsync(Page, cancel: cts.Token));
        // The server logs a request when it is over: 499 (client closed request) once it noticed the client leave.
        JsonElement entry = await WaitForLoggedRequest();
        Assert.Equal(499, entry.GetProperty("status").GetInt32());
        await E.SetFaultsAsync(new { });
        using HttpResponseMessage ok = await E.GetAsync(Page);
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Fact]
    public async Task Faults_NeverTouchGetToken_OrTheControlEndpoints()
    {
        // Errors: every API page fails, and every token and control request still answers 200.
        await E.SetFaultsAsync(new { errorRate = 1.0 });
        for (int i = 0; i < 10; i++) await AssertTokenAndControlAnswer();
        using (HttpResponseMessage api = await E.GetAsync(Page)) Assert.True((int)api.StatusCode >= 500);

        // Latency of an hour: were it applied to getToken or /__emulator, those requests would never answer (the
        // HttpClient's 30 s timeout would end them), while an API page is still waiting when its client gives up.
        await E.SetFaultsAsync(new { latencyMs = 600_000 });
        for (int i = 0; i < 3; i++) await AssertTokenAndControlAnswer();
        using (await E.Http.PostAsync("/__emulator/reset", null)) { }
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => E.GetAsync(Page, cancel: giveUp.Token));
        Assert.Equal(499, (await WaitForLoggedRequest()).GetProperty("status").GetInt32());
    }

    private async Task AssertTokenAndControlAnswer()
    {
        using HttpResponseMessage token = await E.Http.PostAsync("/users/getToken",
            new FormUrlEncodedContent([new("imp_key", Emulator.Key), new("imp_secret", Emulator.Secret)]));
        Assert.Equal(200, (int)token.StatusCode);
        using HttpResponseMessage stats = await E.Http.GetAsync("/__emulator/stats");
        Assert.Equal(200, (int)stats.StatusCode);
    }

    /// <summary>The first request in the log since the last reset, polled for: it is logged when the server is done with it.</summary>
    private async Task<JsonElement> WaitForLoggedRequest()
    {
        // A guard against hanging, not a timing: the event is the log entry.
        var guard = Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(60))
        {
            JsonElement log = await E.ControlJsonAsync("/__emulator/requests");
            if (log.GetArrayLength() > 0) return log[0];
            await Task.Delay(20);
        }
        throw new TimeoutException("the server never finished the request the client left");
    }

    [Theory]
    [InlineData("timestampMs")]
    [InlineData("timestampOutOfRange")]
    [InlineData("impUidNull")]
    [InlineData("impUidMissing")]
    public async Task BadPayment_BreaksExactlyOnePaymentOfAPage_AndTheSinglePaymentOfALookup(string shape)
    {
        (_, JsonElement good) = await E.GetJsonAsync(Page);
        JsonElement[] before = good.GetProperty("response").GetProperty("list").EnumerateArray().ToArray();
        await E.SetFaultsAsync(new { badPaymentRate = 1.0, badPayment = shape });
        (int status, JsonElement bad) = await E.GetJsonAsync(Page);
        Assert.Equal(200, status);
        JsonElement[] after = bad.GetProperty("response").GetProperty("list").EnumerateArray().ToArray();
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i].GetRawText() != after[i].GetRawText()).ToArray();
        int at = Assert.Single(changed);
        AssertBroken(shape, before[at], after[at]);

        string impUid = Api.ImpUid(before[0]);
        await E.SetFaultsAsync(new { });
        (_, JsonElement one) = await E.GetJsonAsync($"/payments/{impUid}?include_sandbox=true");
        await E.SetFaultsAsync(new { badPaymentRate = 1.0, badPayment = shape });
        (int lookupStatus, JsonElement broken) = await E.GetJsonAsync($"/payments/{impUid}?include_sandbox=true");
        Assert.Equal(200, lookupStatus);
        AssertBroken(shape, one.GetProperty("response"), broken.GetProperty("response"));
    }

    private static void AssertBroken(string shape, JsonElement before, JsonElement after)
    {
        switch (shape)
        {
            case "timestampMs": Assert.Equal(Api.Long(before, "started_at") * 1000, Api.Long(after, "started_at")); break;
            case "timestampOutOfRange": Assert.Equal(99_999_999_999_999_999, Api.Long(after, "started_at")); break;
            case "impUidNull": Assert.Equal(JsonValueKind.Null, after.GetProperty("imp_uid").ValueKind); break;
            default: Assert.False(after.TryGetProperty("imp_uid", out _)); break;
        }
        // Nothing else about the payment changed.
        Assert.Equal(before.GetProperty("merchant_uid").GetString(), after.GetProperty("merchant_uid").GetString());
        Assert.Equal(before.GetProperty("amount").GetRawText(), after.GetProperty("amount").GetRawText());
    }

    [Fact]
    public async Task BadPayment_WithoutAShape_MixesThemAll()
    {
        await E.SetFaultsAsync(new { badPaymentRate = 1.0 });
        var seen = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            (_, JsonElement json) = await E.GetJsonAsync(Page);
            foreach (JsonElement p in json.GetProperty("response").GetProperty("list").EnumerateArray())
            {
                if (!p.TryGetProperty("imp_uid", out JsonElement id)) seen.Add("impUidMissing");
                else if (id.ValueKind == JsonValueKind.Null) seen.Add("impUidNull");
                else if (Api.Long(p, "started_at") == 99_999_999_999_999_999) seen.Add("timestampOutOfRange");
                else if (Api.Long(p, "started_at") > 100_000_000_000) seen.Add("timestampMs");
            }
        }
        Assert.Equal(new HashSet<string> { "timestampMs", "timestampOutOfRange", "impUidNull", "impUidMissing" }, seen);
    }

    [Fact]
    public async Task RedirectTo_Answers307ToEveryApiRequest_GetTokenIncluded_ButNotTheControlEndpoints()
    {
        using var noFollow = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = E.BaseUri };
        await E.SetFaultsAsync(new { redirectTo = "http://127.0.0.1:9/elsewhere/" });
        try
        {
            using (HttpResponseMessage token = await noFollow.PostAsync("/users/getToken", Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret })))
            {
                Assert.Equal(307, (int)token.StatusCode);
                Assert.Equal(new Uri("http://127.0.0.1:9/elsewhere/users/getToken"), token.Headers.Location);
            }
            using (HttpResponseMessage page = await noFollow.GetAsync("/payments/status/paid?limit=5&page=2"))
            {
                Assert.Equal(307, (int)page.StatusCode);
                Assert.Equal(new Uri("http://127.0.0.1:9/elsewhere/payments/status/paid?limit=5&page=2"), page.Headers.Location);
            }
            using HttpResponseMessage stats = await noFollow.GetAsync("/__emulator/stats");
            Assert.Equal(200, (int)stats.StatusCode);
        }
        finally
        {
            await E.SetFaultsAsync(new { });
        }
        using HttpResponseMessage bad = await E.Http.PostAsync("/__emulator/faults", Emulator.JsonBody(new { redirectTo = "ftp://127.0.0.1/" }));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task FaultSettings_ReadBackAsPosted_MissingFieldsAreDefaults_BadValuesAre400()
    {
        await E.SetFaultsAsync(new { errorRate = 0.25, stallMs = 5 });
        JsonElement f = await E.ControlJsonAsync("/__emulator/faults");
        Assert.Equal(0.25, f.GetProperty("errorRate").GetDouble());
        Assert.Equal(5, f.GetProperty("stallMs").GetInt32());
        Assert.Equal("1", f.GetProperty("retryAfter").GetString());
        foreach (string zero in new[] { "latencyMs", "rateLimitRate", "dropRate", "churn", "htmlRate", "malformedRate", "truncatedRate",
                     "codeNonZeroRate", "churnFrom", "churnTo", "badPaymentRate" })
            Assert.Equal(0, f.GetProperty(zero).GetDouble());
        Assert.False(f.GetProperty("ignorePaging").GetBoolean());
        Assert.Equal("", f.GetProperty("badPayment").GetString());
        Assert.Equal("", f.GetProperty("redirectTo").GetString());

        using HttpResponseMessage bad = await E.Http.PostAsync("/__emulator/faults",
            new StringContent("""{"errorRate": 2}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
        using HttpResponseMessage unknown = await E.Http.PostAsync("/__emulator/faults",
            new StringContent("""{"errorRat": 0.5}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)unknown.StatusCode);
        using HttpResponseMessage shape = await E.Http.PostAsync("/__emulator/faults",
            new StringContent("""{"badPayment": "impUidWrong"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)shape.StatusCode);
        // A rejected update leaves the settings alone.
        Assert.Equal(0.25, (await E.ControlJsonAsync("/__emulator/faults")).GetProperty("errorRate").GetDouble());
    }

    [Fact]
    public async Task ChurnRangeAndIgnorePaging_ReadBackAsPosted_AndAreValidated()
    {
        await E.SetFaultsAsync(new { churn = 3, churnFrom = 1_700_000_000, churnTo = 1_700_086_400, ignorePaging = true });
        JsonElement f = await E.ControlJsonAsync("/__emulator/faults");
        Assert.Equal(1_700_000_000, f.GetProperty("churnFrom").GetInt64());
        Assert.Equal(1_700_086_400, f.GetProperty("churnTo").GetInt64());
        Assert.True(f.GetProperty("ignorePaging").GetBoolean());

        foreach (string bad in new[]
                 {
                     """{"churnFrom":1700086400,"churnTo":1700000000}""", """{"churnFrom":-1}""", """{"churnTo":"soon"}""",
                     """{"churnTo":5000000000}""", """{"ignorePaging":1}""", """{"ignorePaging":"true"}""",
                 })
        {
            using HttpResponseMessage res = await E.Http.PostAsync("/__emulator/faults", new StringContent(bad, Encoding.UTF8, "application/json"));
            Assert.True(400 == (int)res.StatusCode, bad);
        }
        Assert.Equal(1_700_000_000, (await E.ControlJsonAsync("/__emulator/faults")).GetProperty("churnFrom").GetInt64());
    }

    [Fact]
    public async Task IgnorePaging_AnswersTheFirstPageOfTheDefaultWindow_AndAlwaysOffersANextPage()
    {
        // Without the fault: the newest paid payments of the default window, and a page past the data is a 400.
        var firstPage = (await E.PageAsync("paid", "limit=7&sorting=-paid")).GetProperty("list").EnumerateArray().Select(Api.ImpUid).ToList();
        Assert.Equal(7, firstPage.Count);
        string oldWindow = $"from={To - 300 * Api.Day}&to={To - 299 * Api.Day}";
        (int beyond, _) = await E.GetJsonAsync($"/payments/status/paid?page=5000&limit=7&sorting=-paid&{oldWindow}");
        Assert.Equal(400, beyond);

        await E.SetFaultsAsync(new { ignorePaging = true });
        // A client that follows "next" never reaches the end: every page is the same first page, page, from and to ignored.
        int page = 1;
        for (int i = 0; i < 60; i++)
        {
            JsonElement r = await E.PageAsync("paid", $"page={page}&limit=7&sorting=-paid&{oldWindow}");
            Assert.Equal(firstPage, r.GetProperty("list").EnumerateArray().Select(Api.ImpUid));
            Assert.Equal(100_000_000, r.GetProperty("total").GetInt64());
            Assert.Equal(page - 1, r.GetProperty("previous").GetInt32());
            Assert.Equal(page + 1, r.GetProperty("next").GetInt32());
            page = r.GetProperty("next").GetInt32();
        }
        JsonElement far = await E.PageAsync("paid", $"page=5000&limit=7&sorting=-paid&{oldWindow}");
        Assert.Equal(5001, far.GetProperty("next").GetInt32());

        await E.SetFaultsAsync(new { });
        (int again, _) = await E.GetJsonAsync($"/payments/status/paid?page=5000&limit=7&sorting=-paid&{oldWindow}");
        Assert.Equal(400, again);
    }

    public static double ServerTiming(HttpResponseMessage res)
    {
        string header = string.Join(",", res.Headers.GetValues("Server-Timing"));
        Match m = Regex.Match(header, @"^app;dur=(\d+(\.\d+)?)$");
        Assert.True(m.Success, header);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Fault options given on the command line, and --fault-seed.</summary>
public sealed class CliFaultTests(CliFaultFixture fixture) : IClassFixture<CliFaultFixture>
{
    [Fact]
    public async Task CommandLineFaults_AreTheInitialSettings()
    {
        JsonElement f = await fixture.Emulator.ControlJsonAsync("/__emulator/faults");
        Assert.Equal(5, f.GetProperty("latencyMs").GetInt32());
        Assert.Equal(0.1, f.GetProperty("errorRate").GetDouble());
        Assert.Equal(0.2, f.GetProperty("rateLimitRate").GetDouble());
        Assert.Equal("7", f.GetProperty("retryAfter").GetString());
        Assert.Equal(0.05, f.GetProperty("dropRate").GetDouble());
        Assert.Equal(2, f.GetProperty("churn").GetInt32());
        Assert.Equal(0, f.GetProperty("htmlRate").GetDouble());
        Assert.Equal(1_700_000_000, f.GetProperty("churnFrom").GetInt64());
        Assert.Equal(1_700_086_400, f.GetProperty("churnTo").GetInt64());
    }

    [Fact]
    public async Task AnEmptyChurnRange_OnTheCommandLine_ExitsWithCode2()
    {
        using var p = Process.Start(Emulator.StartInfo(["--churn-from", "1700086400", "--churn-to", "1700000000"]))!;
        p.StandardInput.Close();
        string stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("--churn-from", stderr);
    }

    [Fact]
    public async Task SameFaultSeed_GivesTheSameFaultSequence()
    {
        static async Task<string> SequenceAsync(Emulator e)
        {
            var s = new StringBuilder();
            for (int i = 0; i < 40; i++)
            {
                using HttpResponseMessage res = await e.GetAsync("/payments/status/all?limit=1");
                s.Append((int)res.StatusCode).Append(' ');
            }
            return s.ToString();
        }
        string[] args = ["--payments", "20", "--error-rate", "0.5", "--fault-seed", "11"];
        using Emulator a = await Emulator.StartAsync(args), b = await Emulator.StartAsync(args);
        string sa = await SequenceAsync(a), sb = await SequenceAsync(b);
        Assert.Equal(sa, sb);
        Assert.Contains("200", sa);
        Assert.Contains("50", sa);
    }
}
