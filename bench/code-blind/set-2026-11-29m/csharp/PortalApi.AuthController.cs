// Developer portal API: authentication setup (Startup) and the login
// controller. ASP.NET Core controllers, AWSSDK.CognitoIdentityProvider.

using System.IdentityModel.Tokens.Jwt;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Acme.Portal.Api;

public class Startup
{
    private readonly IConfiguration _config;

    public Startup(IConfiguration config) => _config = config;

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddDefaultAWSOptions(_config.GetAWSOptions());
        services.AddAWSService<IAmazonCognitoIdentityProvider>();

        services.AddAuthentication("Portal")
            .AddJwtBearer("Portal", o =>
            {
                o.Authority = _config["Cognito:Authority"];
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidAudience = _config["Cognito:ClientId"],
                    ValidateLifetime = false, // Noncompliant THC006
                };
            })
            .AddJwtBearer("Ci", o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = "https://ci.tools.example.com",
                    ValidAudience = "portal-api",
                    SignatureValidator = (token, parameters) => new JwtSecurityToken(token), // Noncompliant THC005
                };
            });
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
            app.UseHsts();
        }
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(e => e.MapControllers());
    }
}

public sealed record LoginRequest(string Username, string Password);

[ApiController]
[Route("api/auth")]
public class AuthController : ControllerBase
{
    private readonly IAmazonCognitoIdentityProvider _cognito;
    private readonly ILogger<AuthController> _logger;
    private readonly string _clientId;

    public AuthController(IAmazonCognitoIdentityProvider cognito, ILogger<AuthController> logger, IConfiguration config)
    {
        _cognito = cognito;
        _logger = logger;
        _clientId = config["Cognito:ClientId"]!;
    }

    [HttpPost("login")]
    public async Task<IActionResult> Login([FromBody] LoginRequest body)
    {
        try
        {
            var resp = await _cognito.InitiateAuthAsync(new InitiateAuthRequest
            {
                AuthFlow = AuthFlowType.USER_PASSWORD_AUTH,
                ClientId = _clientId,
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = body.Username, ["PASSWORD"] = body.Password },
            });
            var result = resp.AuthenticationResult;
            var expires = DateTimeOffset.UtcNow.AddSeconds(result.ExpiresIn);

            Response.Cookies.Append("access_token", result.AccessToken, new CookieOptions { Secure = true, Expires = expires }); // Noncompliant THC007
            Response.Cookies.Append("refresh_token", result.RefreshToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/api/auth/refresh" });

            _logger.LogInformation("User {User} signed in, session expires {Expires}", body.Username, expires);
            return Ok(new { expiresIn = result.ExpiresIn });
        }
        catch (NotAuthorizedException)
        {
            return Unauthorized(new { error = "invalid credentials", traceId = HttpContext.TraceIdentifier });
        }
        catch (Exception ex)
        {
            _logger.LogError("Login failed for {User}: {Error}", body.Username, ex.GetType().Name);
            return StatusCode(500, new { error = ex.Message, stack = ex.StackTrace }); // Noncompliant THC003
        }
    }

    [HttpGet("/error")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult Error() =>
        Problem(title: "Unexpected error", detail: $"Reference {HttpContext.TraceIdentifier}");
}
