// A Lambda-style handler (the shape of an API Gateway proxy integration) that logs what many real handlers log:
// the request headers, the Authorization header itself, and an exception whose message quotes the token.
// Without TokenHound.Redaction every one of those lines puts a live bearer token into CloudWatch Logs.
// With it (one line: logging.AddTokenRedaction()) the same code writes [REDACTED:jwt] instead.
// See README.md. Compiled by tests/TokenHound.Redaction.Tests (SampleHandlerTests), never by the solution build.
#nullable enable
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenHound.Redaction;

namespace TokenHound.Examples.Redaction;

/// <summary>The parts of an API Gateway proxy request the handler uses.</summary>
public sealed record ApiRequest(string HttpMethod, string Path, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>The proxy response.</summary>
public sealed record ApiResponse(int StatusCode, string Body);

/// <summary>The function code: unchanged between "before" and "after". Only the host setup differs.</summary>
public sealed class OrdersHandler(ILogger<OrdersHandler> logger)
{
    public ApiResponse Handle(ApiRequest request)
    {
        // Leak 1: structured state holding every header (Authorization included).
        logger.LogInformation("Incoming {Method} {Path} headers={Headers}", request.HttpMethod, request.Path, request.Headers);

        // Leak 2: the header interpolated into the message.
        var authorization = request.Headers.TryGetValue("Authorization", out var a) ? a : "";
        logger.LogDebug($"Authorization header: {authorization}");

        try
        {
            return Process(request, authorization);
        }
        catch (Exception e)
        {
            // Leak 3: an exception whose message (and so its stack text) quotes the token.
            logger.LogError(e, "Order processing failed for {Path}", request.Path);
            return new ApiResponse(500, """{"message":"internal error"}""");
        }
    }

    private static ApiResponse Process(ApiRequest request, string authorization)
    {
        if (request.Body is null)
        {
            throw new InvalidOperationException($"cannot create an order without a body (caller {authorization})");
        }

        return new ApiResponse(201, """{"orderId":"o-1001"}""");
    }
}

/// <summary>Builds the function's service provider the way a Lambda entry point (or Program.cs) does.</summary>
public static class OrdersFunctionHost
{
    /// <summary>BEFORE: plain logging, tokens go straight to the providers (the Lambda console logger, CloudWatch ...).</summary>
    public static ServiceProvider Before(Action<ILoggingBuilder> providers) =>
        new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Debug);
                providers(logging);
            })
            .AddSingleton<OrdersHandler>()
            .BuildServiceProvider();

    /// <summary>AFTER: the same, plus one line.</summary>
    public static ServiceProvider After(Action<ILoggingBuilder> providers) =>
        new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Debug);
                providers(logging);
                logging.AddTokenRedaction(); // ← the whole integration
            })
            .AddSingleton<OrdersHandler>()
            .BuildServiceProvider();
}
