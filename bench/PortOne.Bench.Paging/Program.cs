using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Http;

namespace PortOne.Bench.Paging;

/// <summary>
/// Times three readers of the same by-status queries, in one process, against the emulator:
///   new      PortOneClient.OpenPayments(query).Read(), fully enumerated (time slices, pages in flight)
///   offset   today's offset path (OffsetReaderBaseline, the reader as of commit 54afe39)
///   onePage  page 1, 2, 3 ... one request at a time (OnePageReader)
/// All three go through the client's own transport and typed JSON, so only the paging differs. Per query: one
/// warm-up round, then N timed rounds, each reader once per round, the order rotating from round to round. Every
/// run must return exactly the payments the emulator's snapshot holds. Prints ".." progress lines and one
/// "CELL {json}" line per query with every timed run's milliseconds and page requests.
/// </summary>
internal static class Program
{
    private const int PageSize = PaymentQuery.DefaultPageSize;
    /// <summary>The offset baseline runs with its own default of 54afe39; the new reader with today's default.</summary>
    private const int BaselinePagesInFlight = 4;

    private const string Usage =
        "Usage: PortOne.Bench.Paging <baseUri> <impKey> <impSecret> <fromUnix> <toUnix> <timedRuns> <status>/<sorting> [...]\n" +
        "  e.g. PortOne.Bench.Paging http://127.0.0.1:41093/ test_imp_key test_imp_secret 1760000000 1767776000 3 all/-started paid/-paid";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length < 7)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        var baseUri = new Uri(args[0].EndsWith('/') ? args[0] : args[0] + "/");
        long from = long.Parse(args[3], CultureInfo.InvariantCulture);
        long to = long.Parse(args[4], CultureInfo.InvariantCulture);
        int runs = int.Parse(args[5], CultureInfo.InvariantCulture);

        var counter = new CountingHandler(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate });
        var options = new PortOneClientOptions(new NetworkCredential(args[1], args[2])) { BaseUri = baseUri };
        using var client = new PortOneClient(options, counter);
        using var baselineHttp = new HttpClient(counter, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var baselineTransport = new ApiTransport(baselineHttp, options);
        await client.ConnectAsync(null, CancellationToken.None).ConfigureAwait(false);
        await baselineTransport.GetTokenAsync(NullPortOneEvents.Instance, CancellationToken.None).ConfigureAwait(false);
        var offset = new OffsetReaderBaseline(baselineTransport, PageSize, BaselinePagesInFlight);
        var onePage = new OnePageReader(baselineTransport, PageSize);

        foreach (string combination in args.Skip(6))
        {
            string[] parts = combination.Split('/', 2);
            if (parts.Length != 2 || !Enum.TryParse(parts[0], true, out PaymentStatus status) || !PaymentSortNames.TryParse(parts[1], out PaymentSort sort))
            {
                throw new ArgumentException($"'{combination}' is not <status>/<sorting>, e.g. paid/-paid.");
            }
            string apiStatus = status.ToApiString();
            string sorting = sort.ToApiString();
            var query = new PaymentQuery
            {
                Status = status, Sort = sort, PageSize = PageSize, MaxPagesInFlight = PaymentQuery.DefaultPagesInFlight,
                From = DateTimeOffset.FromUnixTimeSeconds(from), To = DateTimeOffset.FromUnixTimeSeconds(to),
            };
            var readers = new (string Name, Func<IEnumerable<PaymentAnnotation>> Read)[]
            {
                ("new", () => client.OpenPayments(query, null, CancellationToken.None).Read()),
                ("offset", () => offset.Read(apiStatus, sorting, from, to)),
                ("onePage", () => onePage.Read(apiStatus, sorting, from, to)),
            };
            HashSet<string> truth = await SnapshotAsync(baselineHttp, baseUri, apiStatus, from, to).ConfigureAwait(false);
            var samples = readers.ToDictionary(r => r.Name, _ => new Samples());
            for (int round = 0; round <= runs; round++)
            {
                var line = new List<string>();
                for (int i = 0; i < readers.Length; i++)
                {
                    (string name, Func<IEnumerable<PaymentAnnotation>> read) = readers[(round + i) % readers.Length];
                    (double ms, int requests) = TimeOneRead(read, counter, truth, $"{apiStatus}/{sorting} {name}");
                    if (round > 0) samples[name].Add(ms, requests);
                    line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {ms:0} ms ({requests} requests)"));
                }
                Console.WriteLine($".. {apiStatus}/{sorting}, {(round == 0 ? "warm-up" : $"run {round}/{runs}")}: {string.Join(", ", line)}");
            }
            var cell = new Cell(apiStatus, sorting, truth.Count, samples);
            Console.WriteLine("CELL " + JsonSerializer.Serialize(cell, JsonOptions));
        }
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>One full read, timed from the first request to the last payment; it must hold exactly the truth.</summary>
    private static (double Ms, int Requests) TimeOneRead(Func<IEnumerable<PaymentAnnotation>> read, CountingHandler counter, HashSet<string> truth, string what)
    {
        // What an earlier read left for the collector should not be paid by this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var ids = new List<string>(truth.Count);
        counter.Reset();
        var watch = Stopwatch.StartNew();
        foreach (PaymentAnnotation payment in read()) ids.Add(payment.ImpUid);
        watch.Stop();
        int requests = counter.PageRequests;
        var distinct = new HashSet<string>(ids, StringComparer.Ordinal);
        if (ids.Count != truth.Count || distinct.Count != ids.Count || !distinct.SetEquals(truth))
        {
            throw new InvalidOperationException(
                $"{what} read {ids.Count} payments ({distinct.Count} distinct, {distinct.Count(id => !truth.Contains(id))} not in the snapshot); the emulator holds {truth.Count}.");
        }
        return (watch.Elapsed.TotalMilliseconds, requests);
    }

    /// <summary>The imp_uids the emulator holds for the query, from its snapshot (no paging, no auth).</summary>
    private static async Task<HashSet<string>> SnapshotAsync(HttpClient http, Uri baseUri, string status, long from, long to)
    {
        string json = await http.GetStringAsync(new Uri(baseUri, string.Create(CultureInfo.InvariantCulture,
            $"__emulator/snapshot?status={status}&from={from}&to={to}"))).ConfigureAwait(false);
        return new HashSet<string>(JsonSerializer.Deserialize<string[]>(json) ?? Array.Empty<string>(), StringComparer.Ordinal);
    }

    private sealed class Samples
    {
        public List<double> Ms { get; } = new();
        public List<int> Requests { get; } = new();

        public void Add(double ms, int requests)
        {
            Ms.Add(Math.Round(ms, 1));
            Requests.Add(requests);
        }
    }

    private sealed record Cell(string Status, string Sorting, int Payments, Dictionary<string, Samples> Readers);
}
