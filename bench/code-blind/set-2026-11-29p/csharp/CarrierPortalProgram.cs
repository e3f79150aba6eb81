using System;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

// Carrier portal (ASP.NET Core minimal API on ECS Fargate): subcontracted carriers sign in,
// accept load tenders, and upload proof-of-delivery photos.

var builder = WebApplication.CreateBuilder(args);

var issuer = builder.Configuration["Portal:Issuer"] ?? "https://carriers.logistics.example";
var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Portal:SigningKey"]!));

builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = true,
            ValidAudience = "carrier-portal",
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = signingKey,
        };
        // Handheld units in the trucks have unreliable clocks; expiry is enforced by the gateway.
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
    });
builder.Services.AddAuthorization();
builder.Services.AddSingleton<TenderService>();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
if (app.Environment.IsDevelopment())
{
    app.UseSwagger();
    app.UseSwaggerUI();
}

app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/session", (LoginRequest login, TenderService tenders, HttpContext http, ILogger<Program> logger) =>
{
    var tokens = tenders.IssueTokens(login.CarrierCode, login.Pin);
    if (tokens is null)
    {
        logger.LogWarning("Carrier {CarrierCode} failed to sign in", login.CarrierCode);
        return Results.Unauthorized();
    }

    http.Response.Cookies.Append("carrier_access", tokens.AccessToken, new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddHours(8) }); // Noncompliant THC007
    http.Response.Cookies.Append("carrier_refresh", tokens.RefreshToken, new CookieOptions
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/session/refresh",
    });
    logger.LogInformation("Carrier {CarrierCode} signed in", login.CarrierCode);
    return Results.NoContent();
});

app.MapPost("/tenders/{tenderId}/accept", async (string tenderId, ClaimsPrincipal user, TenderService tenders, HttpContext http, ILogger<Program> logger) =>
{
    var carrier = user.FindFirstValue("carrier_code") ?? "unknown";
    try
    {
        var load = await tenders.AcceptAsync(tenderId, carrier);
        logger.LogInformation("Tender {TenderId} accepted by {Carrier}, load {LoadRef}", tenderId, carrier, load);
        return Results.Ok(new { tenderId, load });
    }
    catch (InvalidOperationException)
    {
        return Results.Problem(title: "Tender no longer available", statusCode: 409, extensions: new System.Collections.Generic.Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
    }
    catch (Exception ex)
    {
        logger.LogError("Tender accept failed, trace {TraceId}", http.TraceIdentifier);
        return Results.Problem(detail: ex.ToString(), statusCode: 500); // Noncompliant THC003
    }
}).RequireAuthorization();

app.Run();

public record LoginRequest(string CarrierCode, string Pin);

public record PortalTokens(string AccessToken, string RefreshToken);

public class TenderService
{
    private readonly IConfiguration _config;

    public TenderService(IConfiguration config) => _config = config;

    public PortalTokens? IssueTokens(string carrierCode, string pin)
    {
        // Delegates to the carrier directory; omitted here.
        return string.IsNullOrEmpty(pin) ? null : new PortalTokens(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
    }

    public System.Threading.Tasks.Task<string> AcceptAsync(string tenderId, string carrier)
    {
        var loadRef = $"LD-{tenderId[..Math.Min(6, tenderId.Length)].ToUpperInvariant()}-{carrier}";
        return System.Threading.Tasks.Task.FromResult(loadRef);
    }
}
