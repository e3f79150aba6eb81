using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Acme.OpenBanking;

public class Startup
{
    public Startup(IConfiguration configuration) => Configuration = configuration;

    public IConfiguration Configuration { get; }

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddDefaultAWSOptions(Configuration.GetAWSOptions());
        services.AddAWSService<IAmazonSecretsManager>();
        services.AddHttpClient<OpenBankingClient>(c => c.Timeout = TimeSpan.FromSeconds(20));

        services.AddAuthentication()
            .AddJwtBearer("aspsp", o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Configuration["OpenBanking:Issuer"],
                    ValidAudience = "ob-connector",
                    SignatureValidator = (token, parameters) => new JwtSecurityToken(token), // Noncompliant THC005
                };
            })
            .AddJwtBearer("partner", o =>
            {
                o.Authority = Configuration["Partner:Authority"];
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false, // Noncompliant THC006
                    ValidAudience = "ob-connector",
                };
            });
        services.AddControllers();
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        app.UseDeveloperExceptionPage(); // Noncompliant THC004
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints => endpoints.MapControllers());
    }
}

public record TokenSet(string AccessToken, string RefreshToken, int ExpiresIn);

public class OpenBankingClient
{
    private readonly HttpClient _http;
    private readonly IAmazonSecretsManager _secrets;
    private readonly ILogger<OpenBankingClient> _logger;
    private readonly string _baseUrl;
    private readonly string _clientSecretId;

    public OpenBankingClient(HttpClient http, IAmazonSecretsManager secrets, ILogger<OpenBankingClient> logger, IConfiguration config)
    {
        _http = http;
        _secrets = secrets;
        _logger = logger;
        _baseUrl = config["OpenBanking:BaseUrl"] ?? "https://ob.bank.example/open-banking/v3.1";
        _clientSecretId = config["OpenBanking:ClientSecretId"] ?? "prod/openbanking/client";
    }

    public async Task<string> GetAccountsAsync(string consentId, string accessToken)
    {
        _logger.LogInformation("Fetching accounts for consent {ConsentId}", consentId);
        var response = await _http.GetAsync($"{_baseUrl}/aisp/accounts?consent={consentId}&access_token={accessToken}"); // Noncompliant THC009
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> GetBalancesAsync(string accountId, string accessToken)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, $"{_baseUrl}/aisp/accounts/{accountId}/balances");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        req.Headers.Add("x-fapi-interaction-id", Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(req);
        response.EnsureSuccessStatusCode();
        _logger.LogInformation("Balances fetched for account {AccountId}", accountId);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken)
    {
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _clientSecretId });
        var client = JsonSerializer.Deserialize<Dictionary<string, string>>(secret.SecretString)!;
        using var req = new HttpRequestMessage(HttpMethod.Post, $"{_baseUrl}/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = client["client_id"],
                ["client_secret"] = client["client_secret"],
            }),
        };
        using var response = await _http.SendAsync(req);
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        _logger.LogInformation("Refreshed token set using client secret {SecretId}", _clientSecretId);
        return new TokenSet(tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!, tokens.GetProperty("expires_in").GetInt32());
    }
}
