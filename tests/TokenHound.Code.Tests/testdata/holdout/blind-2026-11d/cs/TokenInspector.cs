using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Web.Controllers;

[ApiController]
[Route("api/session")]
public class SessionController : ControllerBase
{
    private readonly TokenValidationParameters _validation;
    private readonly ILogger<SessionController> _logger;
    private readonly JwtSecurityTokenHandler _handler = new();

    public SessionController(TokenValidationParameters validation, ILogger<SessionController> logger)
    {
        _validation = validation;
        _logger = logger;
    }

    [HttpGet("admin")]
    public IActionResult AdminOnly([FromHeader(Name = "Authorization")] string authorization)
    {
        var raw = authorization.Replace("Bearer ", "");
        var jwt = _handler.ReadJwtToken(raw); // Noncompliant THC005
        if (jwt.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "admin"))
        {
            return Ok(new { admin = true });
        }
        return Forbid();
    }

    [HttpGet("whoami")]
    public IActionResult WhoAmI([FromHeader(Name = "Authorization")] string authorization)
    {
        var raw = authorization.Replace("Bearer ", "");
        _handler.ValidateToken(raw, _validation, out var validated);
        var jwt = (JwtSecurityToken)validated;
        _logger.LogInformation("whoami for {Subject}", jwt.Subject);
        return Ok(new { sub = jwt.Subject, roles = jwt.Claims.Where(c => c.Type == "cognito:groups").Select(c => c.Value) });
    }

    [HttpPost("login")]
    public IActionResult Login([FromBody] LoginResult result)
    {
        Response.Cookies.Append("access_token", result.AccessToken, new CookieOptions { HttpOnly = false, Secure = true }); // Noncompliant THC007
        Response.Cookies.Append("refresh_token", result.RefreshToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
        });
        Response.Cookies.Append("locale", result.Locale, new CookieOptions { HttpOnly = false });
        return Ok();
    }

    [HttpPost("refresh")]
    public IActionResult Refresh()
    {
        var token = Request.Cookies["refresh_token"];
        _logger.LogInformation("Refreshing session, token present: {Present}", !string.IsNullOrEmpty(token));
        return Ok();
    }
}

public record LoginResult(string AccessToken, string RefreshToken, string Locale);
