using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Context;

namespace Billing.Api.Infrastructure;

public sealed class RequestDiagnosticsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger _log = Log.ForContext<RequestDiagnosticsMiddleware>();

    public RequestDiagnosticsMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        using (LogContext.PushProperty("TraceId", context.TraceIdentifier))
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
            _log.Debug("Request {Method} {Path} {@Headers}", context.Request.Method, context.Request.Path, headers); // Noncompliant THC002

            var apiKey = context.Request.Headers["x-api-key"].ToString();
            if (!string.IsNullOrEmpty(apiKey))
            {
                _log.Information("API key present ({Length} chars, ending {Suffix})", apiKey.Length, Mask(apiKey));
            }

            var auth = context.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Substring(6)));
                _log.Warning("Legacy basic auth used by {Credentials}", decoded); // Noncompliant THC001
            }

            try
            {
                await _next(context);
            }
            catch (Exception ex)
            {
                _log.Error(ex, "Unhandled exception for {Path}", context.Request.Path);
                await WriteProblem(context, ex);
            }
        }
    }

    private static string Mask(string value) => value.Length <= 4 ? "****" : value[^4..];

    private static Task WriteProblem(HttpContext context, Exception ex)
    {
        context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
        context.Response.ContentType = "application/problem+json";
        var problem = new { title = "Unexpected error", status = 500, detail = ex.Message, stackTrace = ex.StackTrace, traceId = context.TraceIdentifier };
        return context.Response.WriteAsync(JsonSerializer.Serialize(problem)); // Noncompliant THC003
    }
}

public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayHttpApiV2ProxyFunction
{
    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<Startup>();
}

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddHealthChecks();
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        // keep until the intermittent 502s behind API Gateway are diagnosed
        app.UseDeveloperExceptionPage(); // Noncompliant THC004
        app.UseMiddleware<RequestDiagnosticsMiddleware>();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapControllers();
            endpoints.MapHealthChecks("/health");
        });
    }
}
