using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Emulator.Tests;

/// <summary>
/// One real emulator process on a free loopback port. Started with --exit-on-stdin-close, so even if the test
/// host dies the emulator leaves with it; Dispose closes stdin and kills it only as a last resort.
/// </summary>
public sealed class Emulator : IDisposable
{
    public const string Key = "test_imp_key";
    public const string Secret = "test_imp_secret";

    private readonly StringBuilder _stderr;
    private string? _token;

    private Emulator(Process process, Uri baseUri, StringBuilder stderr, string firstLine)
    {
        Process = process;
        _stderr = stderr;
        FirstLine = firstLine;
        BaseUri = baseUri;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Process Process { get; }
    public Uri BaseUri { get; }
    public HttpClient Http { get; }
    /// <summary>The first line the emulator printed on stdout.</summary>
    public string FirstLine { get; }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Path of the built emulator: PORTONE_EMULATOR_DLL, else the sibling project's output for this configuration.</summary>
    public static string DllPath
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("PORTONE_EMULATOR_DLL");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            // This assembly lives in tests/PortOne.Emulator.Tests/bin/<Configuration>/<TargetFramework>/.
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = here.Name, configuration = here.Parent!.Name;
            DirectoryInfo testsDir = here.Parent!.Parent!.Parent!.Parent!;
            return Path.Combine(testsDir.FullName, "PortOne.Emulator", "bin", configuration, tfm, "PortOne.Emulator.dll");
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        string dll = DllPath;
        if (!File.Exists(dll)) throw new FileNotFoundException("Build tests/PortOne.Emulator first (or set PORTONE_EMULATOR_DLL).", dll);
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Starts an emulator; the listen address and --exit-on-stdin-close are always added.</summary>
    public static async Task<Emulator> StartAsync(params string[] args)
    {
        var all = new List<string> { "--listen", "http://127.0.0.1:0", "--exit-on-stdin-close" };
        all.AddRange(args);
        var process = Process.Start(StartInfo(all)) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = new StringBuilder();
        _ = Task.Run(async () =>
        {
            string? line;
            while ((line = await process.StandardError.ReadLineAsync()) is not null) lock (stderr) stderr.AppendLine(line);
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? first;
        try
        {
            first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            first = null;
        }
        if (first is null || !first.StartsWith("Listening on http://127.0.0.1:", StringComparison.Ordinal))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            string err;
            lock (stderr) err = stderr.ToString();
            throw new InvalidOperationException($"emulator did not start; first line '{first}', stderr: {err}");
        }
        var emulator = new Emulator(process, new Uri(first["Listening on ".Length..]), stderr, first);
        // Keep stdout drained so the process can never block on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return emulator;
    }

    public async Task<string> TokenAsync()
    {
        if (_token is not null) return _token;
        using var res = await Http.PostAsync("/users/getToken", JsonBody(new { imp_key = Key, imp_secret = Secret }));
        res.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return _token = doc.RootElement.GetProperty("response").GetProperty("access_token").GetString()!;
    }

    public static StringContent JsonBody(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    /// <summary>GET with the bearer token (or none when <paramref name="token"/> is "").</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? token = null, CancellationToken cancel = default,
        Action<HttpRequestMessage>? configure = null)
    {
        token ??= await TokenAsync();
        var req = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (token.Length > 0) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(req);
        return await Http.SendAsync(req, cancel);
    }

    /// <summary>GET and parse; returns the status code and the (cloned) JSON root.</summary>
    public async Task<(int Status, JsonElement Json)> GetJsonAsync(string pathAndQuery, string? token = null)
    {
        using HttpResponseMessage res = await GetAsync(pathAndQuery, token);
        string text = await res.Content.ReadAsStringAsync();
        using JsonDocument doc = JsonDocument.Parse(text);
        return ((int)res.StatusCode, doc.RootElement.Clone());
    }

    /// <summary>A page that must succeed: the "response" object.</summary>
    public async Task<JsonElement> PageAsync(string status, string query)
    {
        (int code, JsonElement json) = await GetJsonAsync($"/payments/status/{status}?{query}");
        Assert.True(code == 200, $"status {code}: {json}");
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        return json.GetProperty("response");
    }

    /// <summary>Every payment of a status in [from, to] with the given sorting, following "next" page by page.</summary>
    public async Task<List<JsonElement>> AllPagesAsync(string status, long from, long to, string sorting = "-started", int limit = 1000)
    {
        var list = new List<JsonElement>();
        int page = 1;
        while (true)
        {
            JsonElement r = await PageAsync(status, $"page={page}&limit={limit}&from={from}&to={to}&sorting={sorting}");
            list.AddRange(r.GetProperty("list").EnumerateArray());
            int next = r.GetProperty("next").GetInt32();
            if (next == 0) return list;
            Assert.Equal(page + 1, next);
            page = next;
        }
    }

    public async Task<List<string>> SnapshotAsync(string query)
    {
        using var res = await Http.GetAsync("/__emulator/snapshot?" + query);
        res.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>/__emulator/snapshot?detail=true: each matching payment's status and times, in the API's order.</summary>
    public async Task<List<Truth>> TruthAsync(string query)
    {
        using var res = await Http.GetAsync("/__emulator/snapshot?detail=true&" + query);
        res.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateArray().Select(Truth.From).ToList();
    }

    /// <summary>POST /__emulator/payments/burst; returns the new imp_uids.</summary>
    public async Task<List<string>> BurstAsync(long at, int count, string status)
    {
        using var res = await Http.PostAsync("/__emulator/payments/burst", JsonBody(new { at, count, status }));
        string text = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, text);
        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("imp_uids").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public async Task SetFaultsAsync(object faults)
    {
        using var res = await Http.PostAsync("/__emulator/faults", JsonBody(faults));
        Assert.Equal(200, (int)res.StatusCode);
    }

    public async Task<JsonElement> ControlJsonAsync(string path)
    {
        using var res = await Http.GetAsync(path);
        res.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    public void Dispose()
    {
        Http.Dispose();
        try
        {
            if (!Process.HasExited)
            {
                Process.StandardInput.Close(); // --exit-on-stdin-close: the polite way
                if (!Process.WaitForExit(5000)) Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        catch (IOException) { }
        Process.Dispose();
    }
}

/// <summary>One payment as /__emulator/snapshot?detail=true describes it (unix seconds, 0 = not reached).</summary>
public sealed record Truth(string ImpUid, string Status, long WindowTime, long StartedAt, long PaidAt, long CancelledAt,
    long FailedAt, long UpdatedAt)
{
    public static Truth From(JsonElement e) => new(
        e.GetProperty("imp_uid").GetString()!, e.GetProperty("status").GetString()!, e.GetProperty("window_time").GetInt64(),
        e.GetProperty("started_at").GetInt64(), e.GetProperty("paid_at").GetInt64(), e.GetProperty("cancelled_at").GetInt64(),
        e.GetProperty("failed_at").GetInt64(), e.GetProperty("updated_at").GetInt64());

    /// <summary>The same facts read from a payment the API returned ("updated" derived as PortOne defines it).</summary>
    public static Truth OfPayment(JsonElement p) => new(
        Api.ImpUid(p), p.GetProperty("status").GetString()!, Api.WindowTime(p), Api.Long(p, "started_at"),
        Api.Long(p, "paid_at"), Api.Long(p, "cancelled_at"), Api.Long(p, "failed_at"), Api.Updated(p));
}
