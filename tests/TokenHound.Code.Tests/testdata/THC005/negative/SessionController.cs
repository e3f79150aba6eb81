using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Webhooks.Api;

// JwtBearer authentication validates the bearer token before any [Authorize] action runs; the actions only read it.
[ApiController]
[Route("api/[controller]")]
[Authorize]
public class SessionController(ILogger<SessionController> logger) : ControllerBase
{
    [HttpGet]
    public IActionResult Get()
    {
        var raw = Request.Headers.Authorization.ToString()["Bearer ".Length..];
        var token = new JwtSecurityTokenHandler().ReadJwtToken(raw);
        logger.LogInformation("Session lookup for {Sub}, trace {TraceId}", User.FindFirst("sub")?.Value, HttpContext.TraceIdentifier);
        return Ok(new { subject = User.FindFirst("sub")?.Value, expiresUtc = token.ValidTo });
    }
}

public class ProfileController : ControllerBase
{
    [Authorize(Policy = "profile")]
    [HttpGet("api/profile/expiry")]
    public IActionResult Expiry()
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(Request.Headers.Authorization.ToString()[7..]);
        return Ok(new { expiresUtc = token.ValidTo });
    }
}
