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
        var options = new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" };
        Response.Cookies.Append("access_token", accessToken, options);
        Response.Cookies.Append("culture", "en-US");
        return Ok();
    }
}
