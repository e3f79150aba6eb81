using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.Extensions.Caching.Memory;
using Polly;
using Polly.Retry;

namespace Platform.ServiceAuth;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed class ServiceTokenClient
{
    private readonly HttpClient _http;
    private readonly IMemoryCache _cache;
    private readonly IConfiguration _config;
    private readonly IAmazonSecretsManager _secrets;
    private readonly AsyncRetryPolicy<HttpResponseMessage> _retry;

    public ServiceTokenClient(HttpClient http, IMemoryCache cache, IConfiguration config)
    {
        _http = http;
        _cache = cache;
        _config = config;
        var awsCreds = new BasicAWSCredentials(config["Aws:AccessKeyId"], config["Aws:SecretAccessKey"]); // Noncompliant THC008
        _secrets = new AmazonSecretsManagerClient(awsCreds, Amazon.RegionEndpoint.USEast1);
        _retry = Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .OrResult(r => (int)r.StatusCode >= 500)
            .WaitAndRetryAsync(3, n => TimeSpan.FromMilliseconds(200 * Math.Pow(2, n)), (outcome, delay, attempt, ctx) =>
            {
                ctx.TryGetValue("token", out var token);
                Console.WriteLine($"retry {attempt} after {delay.TotalMilliseconds}ms ({outcome.Result?.StatusCode}) with token {token}"); // Noncompliant THC001
            });
    }

    public async Task<string> GetTokenAsync(string audience, CancellationToken ct = default)
    {
        var token = await _cache.GetOrCreateAsync($"svc-token:{audience}", async entry =>
        {
            var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _config["ServiceAuth:ClientSecretId"] }, ct);
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _config["ServiceAuth:ClientId"]!,
                ["client_secret"] = secret.SecretString,
                ["audience"] = audience
            });
            var resp = await _http.PostAsync(_config["ServiceAuth:TokenUrl"], form, ct);
            resp.EnsureSuccessStatusCode();
            var body = await resp.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: ct);
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(30, body!.ExpiresIn - 60));
            Console.WriteLine($"service token for {audience} cached, expires in {body.ExpiresIn}s");
            return body.AccessToken;
        });
        return token ?? throw new InvalidOperationException($"no token for {audience}");
    }

    public async Task<string> FetchReportAsync(string reportId, CancellationToken ct = default)
    {
        var token = await GetTokenAsync("reporting", ct);
        var ctx = new Context { ["token"] = token };
        var resp = await _retry.ExecuteAsync((_, c) => _http.GetAsync($"{_config["Reporting:BaseUrl"]}/reports/{reportId}?access_token={token}", c), ctx, ct); // Noncompliant THC009
        return await resp.Content.ReadAsStringAsync(ct);
    }

    public async Task PostAuditAsync(object auditEvent, CancellationToken ct = default)
    {
        var token = await GetTokenAsync("audit", ct);
        var resp = await _retry.ExecuteAsync(c =>
        {
            var req = new HttpRequestMessage(HttpMethod.Post, _config["Audit:Url"]) { Content = JsonContent.Create(auditEvent) };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return _http.SendAsync(req, c);
        }, ct);
        resp.EnsureSuccessStatusCode();
    }
}

public sealed class ServiceSessionMiddleware
{
    private readonly RequestDelegate _next;

    public ServiceSessionMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext ctx, ServiceTokenClient tokens)
    {
        if (ctx.Request.Path.StartsWithSegments("/console") && !ctx.Request.Cookies.ContainsKey("svc_session"))
        {
            var token = await tokens.GetTokenAsync("console", ctx.RequestAborted);
            ctx.Response.Cookies.Append("svc_session", token, new CookieOptions { Secure = true, Path = "/console" }); // Noncompliant THC007
            var csrf = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            ctx.Response.Cookies.Append("svc_csrf", csrf, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/console" });
        }
        await _next(ctx);
    }
}
