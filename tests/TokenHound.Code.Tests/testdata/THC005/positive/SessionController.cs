using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Webhooks.Api;

// The anonymous action reads a token nobody validated and decides on its claims.
[ApiController]
[Authorize]
public class SessionController : ControllerBase
{
    [AllowAnonymous]
    [HttpGet("api/session/role")]
    public IActionResult Role()
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(Request.Headers.Authorization.ToString()[7..]); // Noncompliant
        var admin = token.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "admin");
        return Ok(new { admin });
    }
}
