using Microsoft.AspNetCore.Http.HttpResults;
using Tokens.Api.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ITokenExchange, CognitoTokenExchange>();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

var tokens = app.MapGroup("/tokens").AddEndpointFilter<RequestIdFilter>();

tokens.MapPost("/exchange", async (HttpContext http, ITokenExchange exchange, ILogger<Program> logger) =>
{
    var authorization = http.Request.Headers.Authorization.ToString();
    if (string.IsNullOrEmpty(authorization))
    {
        return Results.Unauthorized();
    }
    logger.LogInformation("Exchanging token {Authorization}", authorization); // Noncompliant THC001

    var result = await exchange.ExchangeAsync(authorization, http.RequestAborted);
    http.Response.Cookies.Append("access_token", result.AccessToken); // Noncompliant THC007
    http.Response.Cookies.Append("refresh_token", result.RefreshToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/tokens" });
    logger.LogInformation("Issued token of length {Length} for {Subject}", result.AccessToken.Length, result.Subject);
    return Results.Ok(new { tokenType = "Bearer", expiresIn = result.ExpiresIn });
});

tokens.MapGet("/introspect", (HttpContext http, ILogger<Program> logger) =>
{
    logger.LogDebug("Introspection headers {@Headers}", http.Request.Headers); // Noncompliant THC002
    return Results.Ok(new { active = http.User.Identity?.IsAuthenticated ?? false });
}).AddEndpointFilter(async (ctx, next) =>
{
    if (!ctx.HttpContext.Request.Headers.ContainsKey("X-Api-Key"))
    {
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "api key required");
    }
    return await next(ctx);
});

app.Run();

sealed class RequestIdFilter(ILogger<RequestIdFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        logger.LogDebug("Handling {Method} {Path} trace={TraceId}", ctx.HttpContext.Request.Method, ctx.HttpContext.Request.Path, ctx.HttpContext.TraceIdentifier);
        var result = await next(ctx);
        ctx.HttpContext.Response.Headers["X-Request-Id"] = ctx.HttpContext.TraceIdentifier;
        return result;
    }
}
