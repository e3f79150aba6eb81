using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Accounts;

[ApiController]
[Route("me")]
public sealed class WhoAmIController(ILogger<WhoAmIController> logger, JwtSecurityTokenHandler handler, TokenValidationParameters validation) : ControllerBase
{
    // The subject, issuer and expiry of a validated token are claims, not the token: logging them is fine.
    [HttpGet]
    public IActionResult Get([FromHeader(Name = "Authorization")] string authorization)
    {
        var raw = authorization.Replace("Bearer ", "");
        handler.ValidateToken(raw, validation, out var validated);
        var jwt = (JwtSecurityToken)validated;
        logger.LogInformation("whoami for {Subject} from {Issuer}", jwt.Subject, jwt.Issuer);
        logger.LogDebug("token valid until {ValidTo} for {Audiences}", jwt.ValidTo, jwt.Audiences);
        return Ok(new { sub = jwt.Subject });
    }
}
