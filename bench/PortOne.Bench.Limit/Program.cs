using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Bench.Limit;

/// <summary>
/// Reads the same pages as Get-PortOnePayment, sequentially, as fast as .NET allows: one HttpClient, one token,
/// every page parsed with JsonDocument straight from the response stream and every payment's imp_uid read, nothing
/// emitted. Warms up inside the process, then times one pass and prints one JSON line: {"count":N,"ms":T,...}.
/// </summary>
internal static class Program
{
    private const string Usage =
        "Usage: PortOne.Bench.Limit <baseUri> <impKey> <impSecret> <status> <fromUnix> <toUnix> <pageSize> [all|page1|once]\n" +
        "  all    every page of the window (default)\n" +
        "  once   every page of the window once, without a warm-up: what a fresh process pays\n" +
        "  page1  page 1 only: one page's round trip, the time-to-first-object yardstick";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length is < 7 or > 8)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        var baseUri = new Uri(args[0].EndsWith('/') ? args[0] : args[0] + "/");
        string key = args[1], secret = args[2], status = args[3];
        long from = long.Parse(args[4], CultureInfo.InvariantCulture);
        long to = long.Parse(args[5], CultureInfo.InvariantCulture);
        int pageSize = int.Parse(args[6], CultureInfo.InvariantCulture);
        string mode = args.Length == 8 ? args[7] : "all";
        if (mode is not ("all" or "page1" or "once")) throw new ArgumentException("mode must be all, page1 or once, got " + mode);
        bool pageOneOnly = mode == "page1";

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(10),
        };
        string token = await GetTokenAsync(http, key, secret).ConfigureAwait(false);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var reader = new PageReader(http, status, from, to, pageSize);

        // Warm-up: JIT, tiering and the pooled connection. A whole pass for "all" (the pages are cheap for this
        // reader), three page-one reads for "page1".
        if (pageOneOnly)
        {
            for (int i = 0; i < 3; i++) await reader.ReadPageAsync(1).ConfigureAwait(false);
        }
        else if (mode == "all")
        {
            await reader.ReadAllAsync().ConfigureAwait(false);
        }

        var watch = Stopwatch.StartNew();
        (long count, int pages, long total) = pageOneOnly
            ? await reader.ReadPageOneAsync().ConfigureAwait(false)
            : await reader.ReadAllAsync().ConfigureAwait(false);
        watch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"count\":{count},\"ms\":{watch.Elapsed.TotalMilliseconds:0.###},\"pages\":{pages},\"total\":{total},\"mode\":\"{mode}\",\"checksum\":{reader.Checksum}," +
            $"\"processCpuMs\":{Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0}}}"));
        return 0;
    }

    private static async Task<string> GetTokenAsync(HttpClient http, string key, string secret)
    {
        string body = JsonSerializer.Serialize(new TokenRequest(key, secret), LimitJsonContext.Default.TokenRequest);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync("users/getToken", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using JsonDocument doc = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        JsonElement root = doc.RootElement;
        if (root.GetProperty("code").GetInt32() != 0) throw new InvalidOperationException("getToken: " + root.GetProperty("message"));
        return root.GetProperty("response").GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("getToken: no access_token");
    }
}

internal sealed record TokenRequest(
    [property: System.Text.Json.Serialization.JsonPropertyName("imp_key")] string ImpKey,
    [property: System.Text.Json.Serialization.JsonPropertyName("imp_secret")] string ImpSecret);

[System.Text.Json.Serialization.JsonSerializable(typeof(TokenRequest))]
internal sealed partial class LimitJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>GETs pages of one pinned window and reads every payment's imp_uid.</summary>
internal sealed class PageReader(HttpClient http, string status, long from, long to, int pageSize)
{
    /// <summary>Sum of the imp_uid lengths: keeps the reads from being optimised away and shows they happened.</summary>
    public long Checksum { get; private set; }

    public async Task<(long Count, int Pages, long Total)> ReadAllAsync()
    {
        long count = 0, total = 0;
        int page = 1, pages = 0;
        while (page != 0)
        {
            (int items, int next, long pageTotal) = await ReadPageAsync(page).ConfigureAwait(false);
            count += items;
            pages++;
            if (pages == 1) total = pageTotal;
            page = next;
        }
        return (count, pages, total);
    }

    public async Task<(long Count, int Pages, long Total)> ReadPageOneAsync()
    {
        (int items, int _, long total) = await ReadPageAsync(1).ConfigureAwait(false);
        return (items, 1, total);
    }

    public async Task<(int Items, int Next, long Total)> ReadPageAsync(int page)
    {
        string path = string.Create(CultureInfo.InvariantCulture,
            $"payments/status/{status}?page={page}&limit={pageSize}&from={from}&to={to}&sorting=-started");
        using HttpResponseMessage response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode}");
        }
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using JsonDocument doc = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        JsonElement root = doc.RootElement;
        if (root.GetProperty("code").GetInt32() != 0) throw new InvalidOperationException($"GET {path}: {root.GetProperty("message")}");
        JsonElement body = root.GetProperty("response");
        int items = 0;
        long sum = 0;
        foreach (JsonElement payment in body.GetProperty("list").EnumerateArray())
        {
            sum += payment.GetProperty("imp_uid").GetString()!.Length;
            items++;
        }
        Checksum += sum;
        return (items, body.GetProperty("next").GetInt32(), body.GetProperty("total").GetInt64());
    }
}
