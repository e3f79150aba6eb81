using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Portal.Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public class SessionController : ControllerBase
{
    private readonly ILogger<SessionController> _logger;
    private readonly ITokenIssuer _issuer;

    public SessionController(ILogger<SessionController> logger, ITokenIssuer issuer)
    {
        _logger = logger;
        _issuer = issuer;
    }

    [HttpPost("start")]
    public async Task<IActionResult> Start([FromBody] StartRequest request)
    {
        if (string.IsNullOrWhiteSpace(request?.Username))
        {
            return BadRequest(new { error = "username required" });
        }
        var issued = await _issuer.IssueAsync(request.Username.Trim());
        Response.Cookies.Append("refresh_token", issued.RefreshToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Expires = DateTimeOffset.UtcNow.AddDays(14),
        });
        Response.Cookies.Append("access_token", issued.AccessToken); // Noncompliant THC007
        _logger.LogInformation("Session started for {User} ({TraceId})", request.Username, HttpContext.TraceIdentifier);
        return Ok(new { expiresIn = issued.ExpiresIn });
    }

    [HttpGet("admin/report")]
    public IActionResult AdminReport()
    {
        var raw = Request.Headers["Authorization"].ToString().Replace("Bearer ", string.Empty);
        var handler = new JwtSecurityTokenHandler();
        var jwt = handler.ReadJwtToken(raw); // Noncompliant THC005
        var isAdmin = jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin");
        if (!isAdmin)
        {
            return Forbid();
        }
        return Ok(BuildReport(DateTime.UtcNow.Date));
    }

    private static IEnumerable<object> BuildReport(DateTime day) =>
        Enumerable.Range(0, 7).Select(i => new { Day = day.AddDays(-i).ToString("yyyy-MM-dd"), Sessions = 0 });
}

public record StartRequest(string Username);
public record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn);

public interface ITokenIssuer
{
    Task<IssuedTokens> IssueAsync(string username);
}
