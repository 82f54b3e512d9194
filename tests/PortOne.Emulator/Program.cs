using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortOne.Emulator;
using PortOne.Emulator.Api;
using PortOne.Emulator.Control;
using PortOne.Emulator.Data;
using PortOne.Emulator.Faults;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (OptionException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.Out.WriteLine(EmulatorOptions.Usage);
    return 0;
}
if (options.SelfTestPerformance) return PerformanceSelfTest.Run(options);

// The skewed clock from the start: the generated data end at the emulator's now, not this machine's.
Clock.SkewMs = options.Faults.ClockSkew * 1000;
long anchor = options.Anchor ?? Clock.NowUnix();
var loadClock = Stopwatch.StartNew();
PaymentStore store = DataGenerator.Generate(options.Payments, options.Seed, options.SpanDays, anchor);
var stats = new PageStats { LoadMs = loadClock.ElapsedMilliseconds };

// Slim builder, and no command line handed to the host: our options are not configuration keys.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
// stdout belongs to the "Listening on" line; whatever the host has to say goes to stderr, and only warnings.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
// A stalled request must not hold shutdown for the default 30 s.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(options.ListenAddress, options.ListenPort);
});

WebApplication app = builder.Build();
var tokens = new TokenService(options.TokenLifetimeSeconds);
var faults = new FaultState(options.Faults, options.FaultSeed);
var log = new RequestLog();
var engine = new QueryEngine(store);
var churn = new ChurnEngine(store, options.FaultSeed, spanStart: anchor - options.SpanDays * 86_400L);

// Every answer carries the emulator's own time, as PortOne's carry PortOne's (Kestrel's Date would be this machine's).
app.Use((ctx, next) =>
{
    ctx.Response.OnStarting(() =>
    {
        ctx.Response.Headers.Date = Clock.HttpDate();
        return Task.CompletedTask;
    });
    return next(ctx);
});
app.UseMiddleware<ApiTimingMiddleware>(log);
app.UseMiddleware<FaultMiddleware>(faults);
AuthEndpoints.Map(app, tokens, options);
new PaymentEndpoints(store, engine, tokens, faults, churn, stats).Map(app);
new ControlEndpoints(store, faults, churn, log, stats, tokens).Map(app);

await app.StartAsync();
string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
// The parent process reads this first line to learn the port: exact text, flushed at once.
Console.Out.WriteLine($"Listening on {url}");
Console.Out.Flush();

IHostApplicationLifetime lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
if (options.ExitOnStdinClose)
{
    // A parent that dies closes our stdin: leave with it instead of lingering as an orphan.
    var watcher = new Thread(() =>
    {
        try
        {
            using Stream stdin = Console.OpenStandardInput();
            var sink = new byte[256];
            while (stdin.Read(sink, 0, sink.Length) > 0) { }
        }
        catch (IOException) { }
        lifetime.StopApplication();
    }) { IsBackground = true, Name = "stdin watcher" };
    watcher.Start();
}

// Returns on SIGTERM / SIGINT (the host's console lifetime) or StopApplication.
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
