using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Support.Api;

public class SessionAuditController : ControllerBase
{
    private readonly ILogger<SessionAuditController> _logger;
    private readonly ISessionIssuer _issuer;

    public SessionAuditController(ISessionIssuer issuer, ILogger<SessionAuditController> logger)
    {
        _issuer = issuer;
        _logger = logger;
    }

    [HttpPost("audit")]
    public async Task<IActionResult> Audit([FromBody] OpenSessionRequest request)
    {
        var issued = await _issuer.IssueAsync(request.TenantId, request.UserId);
        var tokenId = issued.Id;
        _logger.LogInformation("Issued {Token} for {UserId}", tokenId, request.UserId);
        _logger.LogInformation("Token {TokenFingerprint} for {{tenant}} {Tenant}", Fingerprint(issued.Value), request.TenantId);
        _logger.LogInformation("Session {Token} expires in {Minutes}", "<redacted>", 30);
        return Ok(new { tokenId });
    }

    private static string Fingerprint(string v) => v.GetHashCode().ToString("x");
}
