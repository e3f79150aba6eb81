using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Web;

[ApiController]
public class AuthController : ControllerBase
{
    private readonly ITokenService _tokens;

    public AuthController(ITokenService tokens) => _tokens = tokens;

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginRequest login)
    {
        var accessToken = await _tokens.IssueAsync(login.User, login.Password);
        Response.Cookies.Append("access_token", accessToken); // Noncompliant
        var options = new CookieOptions { HttpOnly = true, Secure = false, SameSite = SameSiteMode.Strict };
        Response.Cookies.Append("refresh_token", accessToken, options); // Noncompliant
        Response.Cookies.Append("culture", "en-US");
        return Ok();
    }
}
