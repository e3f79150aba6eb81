using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenHound.Redaction.AspNetCore;

/// <summary>
/// Turns an unhandled exception into an RFC 7807 problem-details response (application/problem+json, status 500) that
/// carries a correlation id and nothing else from the request or the exception: no message, no stack trace, no
/// echoed header. The exception is logged with tokens redacted, under the same correlation id.
/// </summary>
public sealed partial class TokenSafeExceptionMiddleware(RequestDelegate next, ILogger<TokenSafeExceptionMiddleware> logger, TokenRedactor? redactor = null)
{
    private readonly TokenRedactor _redactor = redactor ?? TokenRedactor.Default;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested || e is not OperationCanceledException)
        {
            var correlationId = Activity.Current?.TraceId.ToString() is { } t && t != default(ActivityTraceId).ToString()
                ? t
                : Guid.NewGuid().ToString("N");
            LogUnhandled(logger, correlationId, context.Request.Method, _redactor.Redact(context.Request.Path.Value ?? "/"), RedactedException.Create(e, _redactor));
            if (context.Response.HasStarted)
            {
                // Too late for a clean response: cut the connection rather than leave a half-written body.
                context.Abort();
                return;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/problem+json";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Correlation-Id"] = correlationId;
            var body = new ProblemBody
            {
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                Title = "An unexpected error occurred.",
                Status = StatusCodes.Status500InternalServerError,
                Detail = $"Quote correlation id {correlationId} when reporting this error.",
                CorrelationId = correlationId,
            };
            await JsonSerializer.SerializeAsync(context.Response.Body, body, ProblemJson.Default.ProblemBody, context.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}; correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, string correlationId, string method, string path, Exception exception);
}

/// <summary>The problem-details body (RFC 7807 members plus correlationId).</summary>
public sealed class ProblemBody
{
    public required string Type { get; init; }

    public required string Title { get; init; }

    public required int Status { get; init; }

    public string? Detail { get; init; }

    public required string CorrelationId { get; init; }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ProblemJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Registration: <c>app.UseTokenSafeExceptions();</c> first in the pipeline.</summary>
public static class TokenSafeExceptionExtensions
{
    public static IApplicationBuilder UseTokenSafeExceptions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var redactor = app.ApplicationServices.GetService<TokenRedactor>() ?? TokenRedactor.Default;
        return app.UseMiddleware<TokenSafeExceptionMiddleware>(redactor);
    }
}
