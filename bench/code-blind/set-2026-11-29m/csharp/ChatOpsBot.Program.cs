// ChatOps bot for Microsoft Teams outgoing webhooks plus a small on-call
// console API. ASP.NET Core minimal API on ECS, AWSSDK.SimpleSystemsManagement.

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonSimpleSystemsManagement>();
builder.Services.AddSingleton<BotSecrets>();
builder.Services.AddHttpClient();

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration["Auth:Authority"];
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = false, // Noncompliant THC006
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/teams/messages", async (HttpRequest request, BotSecrets secrets, ILogger<BotSecrets> logger) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    var hmacKey = Convert.FromBase64String(await secrets.GetAsync("/chatops/teams/outgoing-webhook-key"));
    var expected = "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(body)));
    var actual = request.Headers.Authorization.ToString();
    if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual)))
    {
        logger.LogWarning("Rejected Teams message, trace {TraceId}", request.HttpContext.TraceIdentifier);
        return Results.Unauthorized();
    }
    logger.LogInformation("Teams message accepted ({Bytes} bytes)", body.Length);
    return Results.Json(new { type = "message", text = "On it — check the #oncall channel." });
});

app.MapPost("/console/session", (HttpContext ctx, ILogger<BotSecrets> logger) =>
{
    var user = ctx.User.FindFirst("sub")?.Value ?? "anonymous";
    var sessionToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    var csrf = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    ctx.Response.Cookies.Append("bot_session", sessionToken, new CookieOptions { HttpOnly = false, Secure = true, SameSite = SameSiteMode.Lax }); // Noncompliant THC007
    ctx.Response.Cookies.Append("bot_csrf", csrf, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
    logger.LogInformation("Console session opened for {User}", user);
    return Results.Ok(new { user });
}).RequireAuthorization();

app.MapPost("/notify/{conversationId}", async (string conversationId, NotifyRequest req, BotSecrets secrets, IHttpClientFactory httpFactory) =>
{
    var botToken = await secrets.GetBotTokenAsync();
    var client = httpFactory.CreateClient();
    using var message = new HttpRequestMessage(HttpMethod.Post, $"https://smba.trafficmanager.net/emea/v3/conversations/{conversationId}/activities")
    {
        Content = JsonContent.Create(new { type = "message", text = req.Text }),
    };
    message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", botToken);
    var resp = await client.SendAsync(message);
    return resp.IsSuccessStatusCode ? Results.Accepted() : Results.StatusCode(502);
}).RequireAuthorization();

app.Run();

public sealed record NotifyRequest(string Text);

public sealed class BotSecrets
{
    private readonly IAmazonSimpleSystemsManagement _ssm;
    private readonly ILogger<BotSecrets> _logger;
    private readonly Dictionary<string, string> _cache = new();

    public BotSecrets(IAmazonSimpleSystemsManagement ssm, ILogger<BotSecrets> logger)
    {
        _ssm = ssm;
        _logger = logger;
    }

    public async Task<string> GetAsync(string name)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        var resp = await _ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true });
        _logger.LogInformation("Loaded {Parameter} (version {Version})", name, resp.Parameter.Version);
        _cache[name] = resp.Parameter.Value;
        return resp.Parameter.Value;
    }

    public async Task<string> GetBotTokenAsync()
    {
        var botToken = await GetAsync("/chatops/teams/bot-token");
        _logger.LogDebug("Bot token {Token} ready for proactive messages", botToken); // Noncompliant THC001
        return botToken;
    }
}
