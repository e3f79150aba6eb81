using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Acme.Billing.Api.Controllers
{
    public class RefreshRequest
    {
        public string ClientId { get; set; }
        public string RefreshToken { get; set; }
    }

    // .NET Core 3.1 controller replacing the Web API 2 TokenController. The CRM lookup
    // still goes to the legacy CRM, which only takes the token as a query parameter.
    [ApiController]
    [Route("api/[controller]")]
    public class TokenController : ControllerBase
    {
        private readonly ILogger<TokenController> _logger;
        private readonly IHttpClientFactory _httpFactory;
        private readonly IRefreshTokenStore _store;

        public TokenController(ILogger<TokenController> logger, IHttpClientFactory httpFactory, IRefreshTokenStore store)
        {
            _logger = logger;
            _httpFactory = httpFactory;
            _store = store;
        }

        private static string Hash(string value)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(value ?? string.Empty))).Substring(0, 10);
        }

        [HttpPost("refresh")]
        public async Task<IActionResult> Refresh([FromBody] RefreshRequest request)
        {
            _logger.LogDebug("Refresh called with headers {@Headers}", Request.Headers); // Noncompliant THC002
            _logger.LogInformation("Refresh for client {ClientId}, token hash {Hash}", request.ClientId, Hash(request.RefreshToken));
            try
            {
                var pair = await _store.RotateAsync(request.ClientId, request.RefreshToken);
                Response.Cookies.Append("refresh_token", pair.RefreshToken, new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddDays(14) }); // Noncompliant THC007
                Response.Cookies.Append("session_token", pair.SessionToken, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = true,
                    SameSite = SameSiteMode.Strict,
                    Expires = DateTimeOffset.UtcNow.AddHours(1)
                });
                return Ok(new { accessToken = pair.AccessToken, expiresIn = 900 });
            }
            catch (TokenStoreException ex)
            {
                return BadRequest(new { error = ex.Message, refreshToken = request.RefreshToken }); // Noncompliant THC003
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Refresh failed, trace {TraceId}", HttpContext.TraceIdentifier);
                return Problem(detail: "Unexpected error.", instance: HttpContext.TraceIdentifier, statusCode: 500);
            }
        }

        [HttpGet("crm-profile/{userId}")]
        public async Task<IActionResult> CrmProfile(string userId, [FromHeader(Name = "Authorization")] string authorization)
        {
            var accessToken = AuthenticationHeaderValue.Parse(authorization).Parameter;
            var client = _httpFactory.CreateClient("legacy-crm");
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var resp = await client.GetAsync($"https://crm.legacy.example.com/api/profile/{userId}?access_token={accessToken}"); // Noncompliant THC009
                if (resp.IsSuccessStatusCode)
                {
                    return Content(await resp.Content.ReadAsStringAsync(), "application/json");
                }
                _logger.LogWarning("CRM attempt {Attempt} failed with {Status}", attempt, (int)resp.StatusCode);
                await Task.Delay(200 * attempt);
            }
            return StatusCode(502, new { error = "crm unavailable", traceId = HttpContext.TraceIdentifier });
        }
    }
}
