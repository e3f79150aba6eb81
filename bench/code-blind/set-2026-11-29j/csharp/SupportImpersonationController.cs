using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Acme.Support.Controllers;

public sealed record ImpersonationRequest(string TargetUserId, string TenantId, string Reason, string SupportToken);

public interface IImpersonationTokenIssuer
{
    Task<string> IssueAsync(string tenantId, string targetUserId, string agentId, TimeSpan lifetime);
}

public interface IAuditTrail
{
    Task RecordAsync(string action, string tenantId, string actor, object details);
}

[ApiController]
[Route("support/impersonation")]
public class SupportImpersonationController : ControllerBase
{
    private readonly ILogger<SupportImpersonationController> _logger;
    private readonly IImpersonationTokenIssuer _issuer;
    private readonly IAuditTrail _audit;
    private readonly TokenValidationParameters _supportTokenParameters;

    public SupportImpersonationController(
        ILogger<SupportImpersonationController> logger,
        IImpersonationTokenIssuer issuer,
        IAuditTrail audit,
        IOptions<TokenValidationParameters> supportTokenParameters)
    {
        _logger = logger;
        _issuer = issuer;
        _audit = audit;
        _supportTokenParameters = supportTokenParameters.Value;
    }

    [HttpPost("start")]
    [AllowAnonymous]
    public async Task<IActionResult> Start([FromBody] ImpersonationRequest request)
    {
        try
        {
            var supportJwt = new JwtSecurityTokenHandler().ReadJwtToken(request.SupportToken); // Noncompliant THC005
            var isAgent = supportJwt.Claims.Any(c => c.Type == "role" && c.Value == "support-agent");
            if (!isAgent)
            {
                return Forbid();
            }

            var issued = await _issuer.IssueAsync(request.TenantId, request.TargetUserId, supportJwt.Subject, TimeSpan.FromMinutes(30));
            _logger.LogWarning("Impersonation token {Token} issued for {TargetUser} in {TenantId}", issued, request.TargetUserId, request.TenantId); // Noncompliant THC001
            await _audit.RecordAsync("impersonation.start", request.TenantId, supportJwt.Subject, new { request.TargetUserId, request.Reason, tokenHash = Sha256(issued) });
            Response.Cookies.Append("impersonation_token", issued); // Noncompliant THC007
            return Ok(new { expiresInMinutes = 30 });
        }
        catch (ArgumentException ex)
        {
            return BadRequest(new { error = ex.Message, supportToken = request.SupportToken }); // Noncompliant THC003
        }
    }

    [HttpPost("end")]
    [Authorize(Policy = "SupportAgent")]
    public async Task<IActionResult> End([FromHeader(Name = "X-Support-Token")] string supportToken, [FromQuery] string tenantId)
    {
        var handler = new JwtSecurityTokenHandler();
        try
        {
            handler.ValidateToken(supportToken, _supportTokenParameters, out _);
        }
        catch (SecurityTokenException)
        {
            return Unauthorized(new { error = "invalid_support_token", traceId = HttpContext.TraceIdentifier });
        }
        var agent = handler.ReadJwtToken(supportToken).Subject;
        _logger.LogInformation("Impersonation ended by {Agent} in {TenantId}, token hash {Hash}", agent, tenantId, Sha256(supportToken)[..12]);
        await _audit.RecordAsync("impersonation.end", tenantId, agent, new { at = DateTimeOffset.UtcNow });
        Response.Cookies.Delete("impersonation_token");
        Response.Cookies.Append("support_banner_dismissed", "1", new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
        return NoContent();
    }

    private static string Sha256(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
