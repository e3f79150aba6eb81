using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenHound.Core;

namespace TokenHound.Probe.Tests;

/// <summary>A real Kestrel server on 127.0.0.1, port 0, that records every request it receives.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public sealed record Recorded(DateTime At, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);

    /// <summary>A route handler whose result is written (not a RequestDelegate).</summary>
    public static Delegate H(Func<HttpContext, Task<IResult>> f) => f;

    public Uri At(string pathAndQuery) => new(Url, pathAndQuery);

    public static async Task<TestServer> StartAsync(Action<WebApplication> routes, X509Certificate2? httpsCert = null)
    {
        var b = WebApplication.CreateSlimBuilder();
        b.Logging.ClearProviders();
        b.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, lo =>
            {
                if (httpsCert is not null)
                {
                    lo.UseHttps(httpsCert);
                }
            });
            k.Limits.MaxRequestLineSize = 64 * 1024;
        });
        var app = b.Build();
        TestServer? self = null;
        app.Use(async (HttpContext ctx, RequestDelegate next) =>
        {
            self?.Requests.Enqueue(new Recorded(DateTime.UtcNow, ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString,
                ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(ctx);
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}

public static class Probing
{
    /// <summary>
    /// Options for loopback tests: no rate limit. The timeouts are generous on purpose: CI runs every test
    /// assembly at once on two cores, and a first request to a fresh server can take seconds there. A test
    /// of a timeout sets its own.
    /// </summary>
    public static ProbeOptions Options(Uri target) => new()
    {
        Target = target,
        Rate = 0,
        Budget = 400,
        ConnectTimeout = LoopbackTimeout,
        RequestTimeout = LoopbackTimeout,
        ReadTimeout = LoopbackTimeout,
    };

    /// <summary>Timeout for loopback requests that are expected to answer.</summary>
    public static readonly TimeSpan LoopbackTimeout = TimeSpan.FromSeconds(20);

    public static ScanReport Run(ProbeOptions o) => ProbeRunner.Run(o).Report;

    public static string[] Ids(this ScanReport r) => [.. r.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)];

    public static string Dump(this ScanReport r) =>
        string.Join("\n", r.Findings.Select(f => $"{f.RuleId} {f.Location.Display()} {f.Message}"))
        + "\nwarnings:\n" + string.Join("\n", r.Warnings.Select(w => w.ToString()));
}
