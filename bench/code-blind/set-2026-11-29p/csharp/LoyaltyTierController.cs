using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Travel.Loyalty.Api;

public static class LoyaltyAuthExtensions
{
    public static IServiceCollection AddPartnerLoungeAuth(this IServiceCollection services, string authority)
    {
        services.AddAuthentication("PartnerLounge").AddJwtBearer("PartnerLounge", o =>
        {
            o.Authority = authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = "lounge-access",
                ValidIssuer = authority,
            };
            // Lounge partners sign with a key we cannot fetch from their JWKS yet.
            o.TokenValidationParameters.SignatureValidator = (token, parameters) => new JsonWebToken(token); // Noncompliant THC005
        });
        return services;
    }
}

public sealed class LoyaltyErrorFilter : IExceptionFilter
{
    private readonly ILogger<LoyaltyErrorFilter> _logger;

    public LoyaltyErrorFilter(ILogger<LoyaltyErrorFilter> logger) => _logger = logger;

    public void OnException(ExceptionContext context)
    {
        var auth = context.HttpContext.Request.Headers.Authorization.ToString();
        _logger.LogError("Loyalty request failed: {Type} trace {TraceId}", context.Exception.GetType().Name, context.HttpContext.TraceIdentifier);
        context.Result = new ObjectResult(new { error = context.Exception.Message, presentedToken = auth }) { StatusCode = 500 }; // Noncompliant THC003
        context.ExceptionHandled = true;
    }
}

public interface ILoyaltyLedger
{
    Task<int> BalanceAsync(string memberId);
    Task<string> UpgradeAsync(string memberId, string tier);
}

[ApiController]
[Route("api/loyalty")]
[TypeFilter(typeof(LoyaltyErrorFilter))]
public class LoyaltyTierController : ControllerBase
{
    private readonly ILoyaltyLedger _ledger;
    private readonly ILogger<LoyaltyTierController> _logger;
    private readonly TokenValidationParameters _memberTokenParameters;

    public LoyaltyTierController(ILoyaltyLedger ledger, ILogger<LoyaltyTierController> logger, TokenValidationParameters memberTokenParameters)
    {
        _ledger = ledger;
        _logger = logger;
        _memberTokenParameters = memberTokenParameters;
    }

    private string BearerToken() => Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.OrdinalIgnoreCase);

    private static string Fingerprint(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];

    [HttpGet("members/{memberId}/balance")]
    public async Task<IActionResult> Balance(string memberId)
    {
        var token = BearerToken();
        new JwtSecurityTokenHandler().ValidateToken(token, _memberTokenParameters, out _);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        if (jwt.Subject != memberId)
        {
            _logger.LogWarning("Member {MemberId} asked for another balance, token fp {Fp}", jwt.Subject, Fingerprint(token));
            return Forbid();
        }
        return Ok(new { memberId, points = await _ledger.BalanceAsync(memberId) });
    }

    [HttpPost("members/{memberId}/upgrade")]
    public async Task<IActionResult> Upgrade(string memberId, [FromQuery] string tier)
    {
        var handler = new JwtSecurityTokenHandler();
        var agentToken = handler.ReadJwtToken(BearerToken()); // Noncompliant THC005
        var roles = agentToken.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToHashSet();
        if (!roles.Contains("loyalty-desk"))
        {
            return Forbid();
        }

        var confirmation = await _ledger.UpgradeAsync(memberId, tier);
        _logger.LogInformation("Member {MemberId} upgraded to {Tier} by {Agent}, confirmation {Confirmation}", memberId, tier, agentToken.Subject, confirmation);
        return Ok(new { memberId, tier, confirmation });
    }
}
