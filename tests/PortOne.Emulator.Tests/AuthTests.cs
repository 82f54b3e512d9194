using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>POST /users/getToken and the bearer check on the API endpoints.</summary>
public sealed class AuthTests(SmallFixture fixture) : IClassFixture<SmallFixture>
{
    private const string Missing = "imp_key, imp_secret 파라메터가 누락되었습니다.";
    private const string Wrong = "imp_key, imp_secret 정보가 올바르지 않습니다.";
    private Emulator E => fixture.Emulator;

    private async Task<(int Status, JsonElement Json)> PostAsync(HttpContent content)
    {
        using HttpResponseMessage res = await E.Http.PostAsync("/users/getToken", content);
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return ((int)res.StatusCode, doc.RootElement.Clone());
    }

    private static FormUrlEncodedContent Form(params (string, string)[] fields)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach ((string k, string v) in fields) list.Add(new(k, v));
        return new FormUrlEncodedContent(list);
    }

    [Fact]
    public async Task JsonBody_IssuesA40HexToken_WithServerNowAndExpiry()
    {
        (int status, JsonElement json) = await PostAsync(Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
        Assert.Equal(200, status);
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("message").ValueKind);
        JsonElement r = json.GetProperty("response");
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), r.GetProperty("access_token").GetString());
        long now = r.GetProperty("now").GetInt64(), expiredAt = r.GetProperty("expired_at").GetInt64();
        Assert.InRange(now, Api.Now() - 5, Api.Now() + 5);
        // 30 minutes from issue; the token may have been issued by an earlier test of this class.
        Assert.InRange(expiredAt - now, 1500, 1800);
    }

    [Fact]
    public async Task FormBody_Works_AndAskingAgainBeforeExpiry_ReturnsTheSameToken()
    {
        (int s1, JsonElement j1) = await PostAsync(Form(("imp_key", Emulator.Key), ("imp_secret", Emulator.Secret)));
        (int s2, JsonElement j2) = await PostAsync(Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
        Assert.Equal(200, s1);
        Assert.Equal(200, s2);
        JsonElement r1 = j1.GetProperty("response"), r2 = j2.GetProperty("response");
        Assert.Equal(r1.GetProperty("access_token").GetString(), r2.GetProperty("access_token").GetString());
        Assert.Equal(r1.GetProperty("expired_at").GetInt64(), r2.GetProperty("expired_at").GetInt64());
    }

    [Fact]
    public async Task WrongKeyOrSecret_Is401()
    {
        (int s1, JsonElement j1) = await PostAsync(Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = "nope" }));
        Api.AssertError(401, -1, Wrong, s1, j1);
        (int s2, JsonElement j2) = await PostAsync(Form(("imp_key", "other_key"), ("imp_secret", Emulator.Secret)));
        Api.AssertError(401, -1, Wrong, s2, j2);
    }

    [Fact]
    public async Task MissingFields_Are400_WithPortOnesMessage()
    {
        (int a, JsonElement ja) = await PostAsync(Emulator.JsonBody(new { imp_key = Emulator.Key }));
        Api.AssertError(400, -1, Missing, a, ja);
        (int b, JsonElement jb) = await PostAsync(Form(("imp_secret", Emulator.Secret)));
        Api.AssertError(400, -1, Missing, b, jb);
        (int c, JsonElement jc) = await PostAsync(new StringContent("", Encoding.UTF8, "application/json"));
        Api.AssertError(400, -1, Missing, c, jc);
        (int d, JsonElement jd) = await PostAsync(Emulator.JsonBody(new { imp_key = "", imp_secret = "" }));
        Api.AssertError(400, -1, Missing, d, jd);
    }

    [Theory]
    [InlineData("/payments/status/all")]
    [InlineData("/payments/imp_123456789012")]
    [InlineData("/payments/find/order_20260101_000001")]
    public async Task ApiWithoutAValidToken_Is401Unauthorized(string path)
    {
        string token = await E.TokenAsync();
        foreach (string? bad in new[] { "", "0123456789abcdef0123456789abcdef01234567", token + "x" })
        {
            (int status, JsonElement json) = await E.GetJsonAsync(path, bad);
            Api.AssertError(401, -1, "Unauthorized", status, json);
        }
        // The raw token without the Bearer scheme is not accepted either.
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.TryAddWithoutValidation("Authorization", token);
        using HttpResponseMessage res = await E.Http.SendAsync(req);
        Assert.Equal(401, (int)res.StatusCode);
        // And the right token gets through (200 or 404, never 401).
        using HttpResponseMessage ok = await E.GetAsync(path, token);
        Assert.NotEqual(401, (int)ok.StatusCode);
    }

    [Fact]
    public async Task TierHeader_IsAcceptedOnEveryCall()
    {
        using HttpResponseMessage res = await E.GetAsync("/payments/status/all?limit=1", configure: r => r.Headers.Add("Tier", "A01"));
        Assert.Equal(200, (int)res.StatusCode);
        using var tokenReq = new HttpRequestMessage(HttpMethod.Post, "/users/getToken")
        {
            Content = Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }),
        };
        tokenReq.Headers.Add("Tier", "A01");
        using HttpResponseMessage tokenRes = await E.Http.SendAsync(tokenReq);
        Assert.Equal(200, (int)tokenRes.StatusCode);
    }
}

/// <summary>Token expiry and extension with a 2-second lifetime (extend window 1 s, extension 1 s).</summary>
public sealed class TokenExpiryTests(ShortTokenFixture fixture) : IClassFixture<ShortTokenFixture>
{
    private Emulator E => fixture.Emulator;

    private async Task<(string Token, long Now, long ExpiredAt)> IssueAsync()
    {
        using HttpResponseMessage res = await E.Http.PostAsync("/users/getToken",
            Emulator.JsonBody(new { imp_key = Emulator.Key, imp_secret = Emulator.Secret }));
        Assert.Equal(200, (int)res.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        JsonElement r = doc.RootElement.GetProperty("response");
        return (r.GetProperty("access_token").GetString()!, r.GetProperty("now").GetInt64(), r.GetProperty("expired_at").GetInt64());
    }

    [Fact]
    public async Task AfterExpiry_TheTokenIs401_AndANewTokenIsIssued()
    {
        (string t1, long now, long expiredAt) = await IssueAsync();
        Assert.InRange(expiredAt - now, 1, 2);
        using (HttpResponseMessage ok = await E.GetAsync("/payments/status/all?limit=1", t1)) Assert.Equal(200, (int)ok.StatusCode);

        // Wait past expiry on the server's clock (expired_at - now), never comparing with the local clock.
        await Task.Delay(System.TimeSpan.FromSeconds(expiredAt - now + 1.2));
        (int status, JsonElement json) = await E.GetJsonAsync("/payments/status/all?limit=1", t1);
        Api.AssertError(401, -1, "Unauthorized", status, json);

        (string t2, long now2, long expiredAt2) = await IssueAsync();
        Assert.NotEqual(t1, t2);
        Assert.Equal(now2 + 2, expiredAt2);
        using HttpResponseMessage ok2 = await E.GetAsync("/payments/status/all?limit=1", t2);
        Assert.Equal(200, (int)ok2.StatusCode);
    }

    [Fact]
    public async Task AskingWithinTheWindow_ExtendsTheSameToken()
    {
        // Driven by the server's own clock (its "now" in each answer), not by sleeps: ask again and again, and check
        // that each answer follows the rules given the previous one, until a token was extended twice in a row.
        var prev = await IssueAsync();
        int extensions = 0;
        var guard = System.Diagnostics.Stopwatch.StartNew(); // against a hang only; two extensions take about 2 s
        while (extensions < 2)
        {
            Assert.True(guard.Elapsed < System.TimeSpan.FromSeconds(120), $"only {extensions} extensions in 2 minutes");
            var cur = await IssueAsync();
            if (cur.Token == prev.Token)
            {
                Assert.True(cur.Now < prev.ExpiredAt, "an expired token was handed out again");
                if (prev.ExpiredAt - cur.Now <= 1)
                {
                    Assert.Equal(prev.ExpiredAt + 1, cur.ExpiredAt); // extended by lifetime/6 (at least 1 s)
                    extensions++;
                }
                else Assert.Equal(prev.ExpiredAt, cur.ExpiredAt);
            }
            else
            {
                Assert.True(cur.Now >= prev.ExpiredAt, "a new token before the old one expired");
                extensions = 0; // a loaded machine missed the window: the new token starts the count again
            }
            prev = cur;
            await Task.Delay(50); // a polling interval, not a barrier: the server's "now" decides what is checked
        }
    }
}
