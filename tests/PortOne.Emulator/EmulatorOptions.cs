using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using PortOne.Emulator.Faults;

namespace PortOne.Emulator;

/// <summary>Command line of the emulator. Parsed by hand: no package, and every option is documented in README.md.</summary>
internal sealed class EmulatorOptions
{
    public IPAddress ListenAddress { get; private set; } = IPAddress.Loopback;
    public int ListenPort { get; private set; }
    public string ImpKey { get; private set; } = "test_imp_key";
    public string ImpSecret { get; private set; } = "test_imp_secret";
    public int Payments { get; private set; } = 1000;
    public bool PaymentsGiven { get; private set; }
    public int Seed { get; private set; } = 1;
    public int SpanDays { get; private set; } = 365;
    /// <summary>End of the generated span (unix seconds); null = the emulator's start time.</summary>
    public long? Anchor { get; private set; }
    public int TokenLifetimeSeconds { get; private set; } = 1800;
    public FaultSettings Faults { get; private set; } = FaultSettings.None;
    public int FaultSeed { get; private set; } = 1;
    public bool ExitOnStdinClose { get; private set; }
    public bool SelfTestPerformance { get; private set; }
    public bool ShowHelp { get; private set; }

    public const string Usage = """
        PortOne V1 REST API emulator

        Usage: dotnet PortOne.Emulator.dll [options]

          --listen <url>              http://IP:PORT to bind (default http://127.0.0.1:0; port 0 = a free port)
          --imp-key <key>             accepted imp_key (default test_imp_key)
          --imp-secret <secret>       accepted imp_secret (default test_imp_secret)
          --payments <N>              payments to generate (default 1000)
          --seed <S>                  data seed (default 1)
          --span-days <D>             started_at spread over the last D days (default 365)
          --anchor <unix>             end of the span (default: start time); pin it for byte-identical data
          --token-lifetime <seconds>  access token lifetime (default 1800)
          --latency-ms <N>            delay added to every /payments* request
          --error-rate <R>            share (0..1) answered 500/502/503
          --rate-limit-rate <R>       share answered 429 with Retry-After
          --retry-after <value>       Retry-After value: seconds or an HTTP date (default 1)
          --drop-rate <R>             share whose 200 body is cut by a connection abort
          --churn <N>                 payments changed or created on each /payments/status request
          --churn-from <unix>         churn picks payments whose window time is >= this, and stamps late arrivals there
          --churn-to <unix>           ... and <= this (0 = open; late arrivals then end at now)
          --tie-order <random|stable> order of payments that share a sort time: drawn per request (default) or by id
          --fault-seed <S>            seed of fault and churn randomness (default 1)
          --clock-skew <seconds>      the emulator's clock runs this far ahead of this machine's (negative: behind)
          --exit-on-stdin-close       exit when standard input reaches end of file
          --self-test-performance     generate 1,000,000 payments (or --payments), time 200 pages of 1000, exit
          --help                      this text
        """;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new EmulatorOptions();
        var f = FaultSettings.None;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--help": case "-h": case "-?": o.ShowHelp = true; continue;
                case "--exit-on-stdin-close": o.ExitOnStdinClose = true; continue;
                case "--self-test-performance": o.SelfTestPerformance = true; continue;
            }
            if (i + 1 >= args.Count) throw new OptionException($"{name} needs a value (or is unknown)");
            string v = args[++i];
            switch (name)
            {
                case "--listen": (o.ListenAddress, o.ListenPort) = ParseListen(v); break;
                case "--imp-key": o.ImpKey = v; break;
                case "--imp-secret": o.ImpSecret = v; break;
                case "--payments": o.Payments = Int(name, v, 0, 50_000_000); o.PaymentsGiven = true; break;
                case "--seed": o.Seed = Int(name, v, int.MinValue, int.MaxValue); break;
                case "--span-days": o.SpanDays = Int(name, v, 1, 36_500); break;
                case "--anchor": o.Anchor = Long(name, v, 315_532_800L, 2_100_000_000L); break;
                case "--token-lifetime": o.TokenLifetimeSeconds = Int(name, v, 1, 86_400 * 365); break;
                case "--latency-ms": f = f with { LatencyMs = Int(name, v, 0, 600_000) }; break;
                case "--error-rate": f = f with { ErrorRate = Rate(name, v) }; break;
                case "--rate-limit-rate": f = f with { RateLimitRate = Rate(name, v) }; break;
                case "--retry-after": f = f with { RetryAfter = v }; break;
                case "--drop-rate": f = f with { DropRate = Rate(name, v) }; break;
                case "--churn": f = f with { Churn = Int(name, v, 0, 100_000) }; break;
                case "--churn-from": f = f with { ChurnFrom = Long(name, v, 0, FaultSettings.MaxUnix) }; break;
                case "--churn-to": f = f with { ChurnTo = Long(name, v, 0, FaultSettings.MaxUnix) }; break;
                case "--tie-order":
                    try { f = f with { TieOrder = FaultSettings.ParseTieOrder(v) }; }
                    catch (FormatException) { throw new OptionException($"--tie-order needs random or stable, got {v}"); }
                    break;
                case "--fault-seed": o.FaultSeed = Int(name, v, int.MinValue, int.MaxValue); break;
                case "--clock-skew": f = f with { ClockSkew = Long(name, v, -FaultSettings.MaxClockSkew, FaultSettings.MaxClockSkew) }; break;
                default: throw new OptionException($"unknown option {name}");
            }
        }
        if (f.ChurnRangeIsEmpty) throw new OptionException("--churn-from must not be after --churn-to");
        o.Faults = f;
        return o;
    }

    private static (IPAddress, int) ParseListen(string v)
    {
        if (!Uri.TryCreate(v, UriKind.Absolute, out Uri? uri) || uri.Scheme != "http")
            throw new OptionException($"--listen needs http://IP:PORT, got {v}");
        string host = uri.Host.Trim('[', ']');
        // Kestrel refuses port 0 on "localhost" (two sockets), so localhost means the IPv4 loopback.
        IPAddress ip = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out IPAddress? parsed) ? parsed
            : throw new OptionException($"--listen needs an IP address or localhost, got {host}");
        return (ip, uri.Port);
    }

    private static int Int(string name, string v, int min, int max) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n : throw new OptionException($"{name} needs an integer in {min}..{max}, got {v}");

    private static long Long(string name, string v, long min, long max) =>
        long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= min && n <= max
            ? n : throw new OptionException($"{name} needs an integer in {min}..{max}, got {v}");

    private static double Rate(string name, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r >= 0 && r <= 1
            ? r : throw new OptionException($"{name} needs a number in 0..1, got {v}");
}

internal sealed class OptionException(string message) : Exception(message);
