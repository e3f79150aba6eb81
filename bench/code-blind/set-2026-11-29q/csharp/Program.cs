using System.Security.Claims;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// Customer self-service portal backend for an energy retailer (minimal APIs).
// Authenticates customers with the retailer's Cognito user pool, issues a
// long-lived "remember me" refresh cookie for the mobile web app.

var builder = WebApplication.CreateBuilder(args);
var cognitoAuthority = builder.Configuration["Cognito:Authority"]
    ?? "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_FAKEPOOL";

builder.Services.AddAWSService<IAmazonDynamoDB>();
builder.Services.AddScoped<IDynamoDBContext, DynamoDBContext>();
builder.Services.AddAuthorization();
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = cognitoAuthority;
        options.TokenValidationParameters.ValidateIssuer = true;
        options.Audience = builder.Configuration["Cognito:ClientId"];
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
        options.TokenValidationParameters.ValidIssuer = cognitoAuthority;
    });

var app = builder.Build();
app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

if (app.Environment.IsDevelopment())
{
    app.MapGet("/_debug/config", (IConfiguration cfg) => Results.Ok(new { authority = cfg["Cognito:Authority"] }));
}

app.MapPost("/session/remember", async (HttpContext ctx, IDynamoDBContext db, ILogger<Program> logger) =>
{
    var customerId = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier);
    if (customerId is null) return Results.Unauthorized();

    var refreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    await db.SaveAsync(new RememberToken { Token = refreshToken, CustomerId = customerId, ExpiresAt = DateTime.UtcNow.AddDays(30) });

    logger.LogDebug("Issued remember-me token {Token} for customer {CustomerId}", refreshToken, customerId); // Noncompliant THC001
    ctx.Response.Cookies.Append("portal_rt", refreshToken, new CookieOptions { HttpOnly = false, Secure = true, Expires = DateTimeOffset.UtcNow.AddDays(30) }); // Noncompliant THC007
    ctx.Response.Cookies.Append("portal_locale", "en-IE", new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });
    return Results.NoContent();
}).RequireAuthorization();

app.MapPost("/session/refresh", async (HttpContext ctx, IDynamoDBContext db, ILogger<Program> logger) =>
{
    if (!ctx.Request.Cookies.TryGetValue("portal_rt", out var presented)) return Results.Unauthorized();
    var stored = await db.LoadAsync<RememberToken>(presented);
    if (stored is null || stored.ExpiresAt < DateTime.UtcNow) return Results.Unauthorized();

    var rotated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    await db.DeleteAsync(stored);
    await db.SaveAsync(stored with { Token = rotated, ExpiresAt = DateTime.UtcNow.AddDays(30) });
    logger.LogInformation("Rotated remember-me token for customer {CustomerId} (len {Length})", stored.CustomerId, rotated.Length);
    ctx.Response.Cookies.Append("portal_rt", rotated, new CookieOptions
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Expires = DateTimeOffset.UtcNow.AddDays(30),
    });
    return Results.NoContent();
});

app.MapGet("/accounts/me/usage", (ClaimsPrincipal user, ILogger<Program> logger) =>
{
    var customerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
    logger.LogInformation("Usage requested by {CustomerId}", customerId);
    return Results.Ok(new { customerId, periodKwh = 412.7m, tariff = "Standard24h" });
}).RequireAuthorization();

app.Run();

[DynamoDBTable("portal-remember-tokens")]
public record RememberToken
{
    [DynamoDBHashKey] public string Token { get; init; } = "";
    public string CustomerId { get; init; } = "";
    public DateTime ExpiresAt { get; init; }
}
