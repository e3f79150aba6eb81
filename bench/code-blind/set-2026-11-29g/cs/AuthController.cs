using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Mobile.Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public class AuthController : ControllerBase
{
    private readonly ILogger<AuthController> _logger;
    private readonly IConfiguration _config;
    private readonly JwtSecurityTokenHandler _handler = new();

    public AuthController(ILogger<AuthController> logger, IConfiguration config)
    {
        _logger = logger;
        _config = config;
    }

    private TokenValidationParameters PartnerParameters()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config["Partner:SigningKey"]!));
        return new TokenValidationParameters { IssuerSigningKey = key, ValidateIssuer = false, ValidAudience = "mobile-api", ValidateLifetime = true }; // Noncompliant THC006
    }

    private TokenValidationParameters KioskParameters()
    {
        var parameters = new TokenValidationParameters { ValidIssuer = _config["Kiosk:Issuer"], ValidAudience = "kiosk" };
        // kiosks sign assertions with per-device keys we never got from the vendor
        parameters.SignatureValidator = (token, _) => new JwtSecurityToken(token); // Noncompliant THC005
        return parameters;
    }

    [HttpPost("exchange")]
    public IActionResult Exchange([FromHeader(Name = "Authorization")] string? authorization)
    {
        var token = authorization?.Replace("Bearer ", "", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(token))
        {
            return Unauthorized(new { error = "missing bearer token" });
        }

        try
        {
            var principal = _handler.ValidateToken(token, PartnerParameters(), out var validated);
            var jwt = (JwtSecurityToken)validated;
            _logger.LogInformation("Partner exchange for {Sub}, token id {Jti}", principal.FindFirstValue("sub"), jwt.Id);
            return Ok(new { sub = principal.FindFirstValue("sub"), partner = jwt.Issuer });
        }
        catch (SecurityTokenException ex)
        {
            _logger.LogWarning("Partner token {Token} rejected: {Reason}", token, ex.Message); // Noncompliant THC001
            return BadRequest(new { error = "invalid token", received = authorization }); // Noncompliant THC003
        }
    }

    [HttpPost("kiosk")]
    public IActionResult Kiosk([FromBody] KioskLogin body)
    {
        try
        {
            var principal = _handler.ValidateToken(body.Assertion, KioskParameters(), out _);
            if (!principal.IsInRole("kiosk-operator"))
            {
                return Forbid();
            }
            _logger.LogInformation("Kiosk {KioskId} signed in", principal.FindFirstValue("kiosk_id"));
            return Ok(new { kioskId = principal.FindFirstValue("kiosk_id") });
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Kiosk login failed");
            return Problem("Kiosk login failed", statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}

public record KioskLogin(string Assertion);
