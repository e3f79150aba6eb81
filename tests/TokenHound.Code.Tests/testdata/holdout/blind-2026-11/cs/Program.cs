using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((ctx, cfg) => cfg.WriteTo.Console());
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

app.MapPost("/login", async (HttpContext http, LoginRequest body, IAuthService auth) =>
{
    var result = await auth.LoginAsync(body.Username, body.Password);
    Log.Information("Login {User} token {Token}", body.Username, result.AccessToken); // Noncompliant THC001
    Log.Information("Login {User} expires {Expires}", body.Username, result.ExpiresAt);
    http.Response.Cookies.Append("access_token", result.AccessToken); // Noncompliant THC007
    http.Response.Cookies.Append("refresh_token", result.RefreshToken, new CookieOptions
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/auth",
    });
    http.Response.Cookies.Append("ui-lang", body.Language ?? "en");
    return Results.Ok(new { result.ExpiresAt });
});

app.MapGet("/me", (HttpContext http) =>
{
    var bearer = http.Request.Headers.Authorization.ToString();
    Log.Debug("me called with {Authorization}", bearer); // Noncompliant THC001
    Log.Debug("me called by {Ip} trace {TraceId}", http.Connection.RemoteIpAddress, http.TraceIdentifier);
    return Results.Ok();
});

app.Run();

public record LoginRequest(string Username, string Password, string? Language);
