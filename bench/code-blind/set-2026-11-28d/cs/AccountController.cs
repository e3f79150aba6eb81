using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Api.Controllers;

public sealed class CognitoOptions
{
    public string ClientId { get; set; } = string.Empty;
    public string UserPoolId { get; set; } = string.Empty;
}

public sealed record LoginRequest(string Email, string Password);

[ApiController]
[Route("api/[controller]")]
public sealed class AccountController : ControllerBase
{
    private readonly IAmazonCognitoIdentityProvider _cognito;
    private readonly ILogger<AccountController> _logger;
    private readonly CognitoOptions _options;

    public AccountController(IAmazonCognitoIdentityProvider cognito, ILogger<AccountController> logger, IOptions<CognitoOptions> options)
    {
        _cognito = cognito;
        _logger = logger;
        _options = options.Value;
    }

    [HttpPost("login")]
    public async Task<IActionResult> Login([FromBody] LoginRequest body, CancellationToken ct)
    {
        _logger.LogInformation("Login attempt for {Email} (trace {TraceId})", body.Email, HttpContext.TraceIdentifier);
        try
        {
            var response = await _cognito.InitiateAuthAsync(new InitiateAuthRequest
            {
                AuthFlow = AuthFlowType.USER_PASSWORD_AUTH,
                ClientId = _options.ClientId,
                AuthParameters = new Dictionary<string, string>
                {
                    ["USERNAME"] = body.Email,
                    ["PASSWORD"] = body.Password,
                },
            }, ct);

            var auth = response.AuthenticationResult;
            _logger.LogDebug("Cognito returned {@AuthResult}", auth); // Noncompliant THC001

            Response.Cookies.Append("refresh_token", auth.RefreshToken, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                Expires = DateTimeOffset.UtcNow.AddDays(30),
            });
            Response.Cookies.Append("access_token", auth.AccessToken); // Noncompliant THC007

            return Ok(new { expiresIn = auth.ExpiresIn, tokenType = auth.TokenType });
        }
        catch (NotAuthorizedException)
        {
            return Unauthorized(new { error = "Invalid email or password" });
        }
        catch (Exception ex)
        {
            return StatusCode(StatusCodes.Status500InternalServerError, new { error = "login_failed", detail = ex.ToString() }); // Noncompliant THC003
        }
    }

    [HttpPost("logout")]
    public IActionResult Logout()
    {
        Response.Cookies.Delete("access_token");
        Response.Cookies.Delete("refresh_token");
        return NoContent();
    }
}
