using System.IdentityModel.Tokens.Jwt;
using System.Text.Json.Serialization;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAWSService<IAmazonSecretsManager>();
builder.Services.AddHttpClient("idp", c => c.BaseAddress = new Uri(builder.Configuration["Idp:BaseUrl"]!));
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(o =>
    {
        o.Authority = builder.Configuration["Idp:Authority"];
        o.Audience = "exchange-api";
        o.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/exchange", async (HttpContext ctx, IHttpClientFactory http, IAmazonSecretsManager secrets, ILogger<Program> logger) =>
{
    var subject = ctx.User.FindFirst("sub")?.Value ?? "unknown";
    logger.LogInformation("Token exchange requested by {Sub} trace {TraceId}", subject, ctx.TraceIdentifier);
    var incoming = ctx.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
    try
    {
        var secret = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "exchange/idp-client" });
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = incoming,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["client_id"] = "exchange-api",
            ["client_secret"] = secret.SecretString,
            ["audience"] = "ledger-service",
        };
        var client = http.CreateClient("idp");
        using var resp = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(form));
        resp.EnsureSuccessStatusCode();
        var result = await resp.Content.ReadFromJsonAsync<TokenResult>();
        logger.LogInformation("Exchanged token for {Sub}: {AccessToken}", subject, result!.AccessToken); // Noncompliant THC001
        var validTo = new JwtSecurityTokenHandler().ReadJwtToken(result.AccessToken).ValidTo;
        logger.LogDebug("Downstream token for {Sub} valid until {ValidTo:o}", subject, validTo);
        return Results.Ok(new { access_token = result.AccessToken, expires_in = result.ExpiresIn, token_type = "Bearer" });
    }
    catch (HttpRequestException ex)
    {
        logger.LogWarning(ex, "IdP rejected exchange for {Sub}", subject);
        return Results.Problem("Token exchange failed", statusCode: StatusCodes.Status502BadGateway);
    }
    catch (Exception ex)
    {
        return Results.Problem(detail: ex.ToString(), title: $"Exchange failed for {ctx.Request.Path}", statusCode: 500); // Noncompliant THC003
    }
}).RequireAuthorization();

app.MapGet("/healthz", () => Results.Ok("ok"));

app.Run();

record TokenResult(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
