using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Support.Api;

[ApiController]
[Route("api/support/sessions")]
public class SupportSessionController : ControllerBase
{
    private readonly ISessionIssuer _issuer;
    private readonly ILogger<SupportSessionController> _logger;

    public SupportSessionController(ISessionIssuer issuer, ILogger<SupportSessionController> logger)
    {
        _issuer = issuer;
        _logger = logger;
    }

    [HttpPost]
    public async Task<IActionResult> Open([FromBody] OpenSessionRequest request)
    {
        var issued = await _issuer.IssueAsync(request.TenantId, request.UserId);
        _logger.LogInformation("Support session {SessionToken} opened for {UserId}", issued, request.UserId); // Noncompliant THC001
        _logger.LogInformation("Support session for {UserId} in {TenantId}", request.UserId, request.TenantId);
        _logger.LogDebug("Support session token {TokenHash} ({Length} chars)", Hash(issued), issued.Length);
        _logger.LogWarning("Handing out {@AccessToken} to {Tenant}", issued, request.TenantId); // Noncompliant THC001
        return Ok(new { expiresInMinutes = 30 });
    }

    private static string Hash(string value) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
}
