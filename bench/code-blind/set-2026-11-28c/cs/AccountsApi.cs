using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Microsoft.AspNetCore.Mvc;

namespace Accounts.Api;

public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction
{
    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<Startup>();
}

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddAWSService<IAmazonCognitoIdentityProvider>();
        services.AddHttpClient("crm", c => c.BaseAddress = new Uri("https://crm.example.com/"));
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }
        app.UseRouting();
        app.UseEndpoints(e => e.MapControllers());
    }
}

public record LoginRequest(string Username, string Password);

[ApiController]
[Route("account")]
public class AccountController : ControllerBase
{
    private readonly IAmazonCognitoIdentityProvider _cognito;
    private readonly IHttpClientFactory _http;
    private readonly ILogger<AccountController> _logger;

    public AccountController(IAmazonCognitoIdentityProvider cognito, IHttpClientFactory http, ILogger<AccountController> logger)
    {
        _cognito = cognito;
        _http = http;
        _logger = logger;
    }

    [HttpPost("login")]
    public async Task<IActionResult> Login([FromBody] LoginRequest req)
    {
        try
        {
            var resp = await _cognito.InitiateAuthAsync(new InitiateAuthRequest
            {
                AuthFlow = AuthFlowType.USER_PASSWORD_AUTH,
                ClientId = Environment.GetEnvironmentVariable("COGNITO_CLIENT_ID"),
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = req.Username, ["PASSWORD"] = req.Password },
            });
            var result = resp.AuthenticationResult;
            _logger.LogInformation("Login ok for {User}, trace {TraceId}", req.Username, HttpContext.TraceIdentifier);

            Response.Cookies.Append("access_token", result.AccessToken, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                MaxAge = TimeSpan.FromHours(1),
            });
            Response.Cookies.Append("refresh_token", result.RefreshToken); // Noncompliant THC007

            var crm = _http.CreateClient("crm");
            await crm.PostAsync($"v1/login-events?user={Uri.EscapeDataString(req.Username)}&access_token={result.AccessToken}", null); // Noncompliant THC009
            await crm.PostAsync($"v1/login-events/summary?user={Uri.EscapeDataString(req.Username)}", null);
            return Ok(new { expiresIn = result.ExpiresIn });
        }
        catch (NotAuthorizedException)
        {
            return Unauthorized(new { error = "invalid credentials" });
        }
        catch (Exception ex)
        {
            return StatusCode(500, new { error = ex.Message, user = req.Username, detail = ex.StackTrace }); // Noncompliant THC003
        }
    }

    [HttpGet("/error")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult Error() => Problem(title: "Unexpected error", detail: $"Reference {HttpContext.TraceIdentifier}");
}
