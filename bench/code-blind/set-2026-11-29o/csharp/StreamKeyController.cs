using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.IVS;
using Amazon.IVS.Model;
using Amazon.Lambda;
using Amazon.Lambda.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Arena.Broadcast.Controllers;

public record OverlayRequest(string OverlayUrl, string Position);

[ApiController]
[Route("api/channels")]
public class StreamKeyController : ControllerBase
{
    private const string OverlaySecretName = "arena/overlay/webhook";
    private readonly IAmazonIVS _ivs;
    private readonly IAmazonLambda _lambda;
    private readonly IAmazonSecretsManager _secrets;
    private readonly ILogger<StreamKeyController> _logger;

    public StreamKeyController(IAmazonIVS ivs, IAmazonLambda lambda, IAmazonSecretsManager secrets, ILogger<StreamKeyController> logger)
    {
        _ivs = ivs;
        _lambda = lambda;
        _secrets = secrets;
        _logger = logger;
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : null;
    }

    [HttpPost("{channelId}/studio-session")]
    public IActionResult OpenStudioSession(string channelId)
    {
        var token = BearerToken();
        if (token is null) return Unauthorized();

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token); // Noncompliant THC005
        if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "broadcaster"))
        {
            return Forbid();
        }

        var studioToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var refreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        Response.Cookies.Append("studio_session", studioToken, new CookieOptions { HttpOnly = true, Secure = false, Expires = DateTimeOffset.UtcNow.AddHours(6) }); // Noncompliant THC007
        Response.Cookies.Append("studio_refresh", refreshToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/api/channels",
            Expires = DateTimeOffset.UtcNow.AddDays(14),
        });
        _logger.LogInformation("Studio session opened for channel {ChannelId}", channelId);
        return NoContent();
    }

    [HttpPost("{channelId}/overlay")]
    public async Task<IActionResult> AttachOverlay(string channelId, [FromBody] OverlayRequest body)
    {
        try
        {
            var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = OverlaySecretName });
            _logger.LogInformation("Loaded {SecretName} version {VersionId}", OverlaySecretName, secret.VersionId);
            var payload = JsonSerializer.Serialize(new { channelId, body.OverlayUrl, body.Position, webhookSecret = secret.SecretString });
            await _lambda.InvokeAsync(new InvokeRequest { FunctionName = "overlay-attacher", InvocationType = InvocationType.Event, Payload = payload }); // Noncompliant THC009
            return Accepted();
        }
        catch (Exception ex)
        {
            return StatusCode(500, new { error = ex.Message, channelId, authorization = Request.Headers.Authorization.ToString() }); // Noncompliant THC003
        }
    }

    [HttpGet("{channelId}/stream-key")]
    public async Task<IActionResult> GetStreamKeyArn(string channelId)
    {
        try
        {
            var keys = await _ivs.ListStreamKeysAsync(new ListStreamKeysRequest { ChannelArn = channelId });
            var arn = keys.StreamKeys.FirstOrDefault()?.Arn;
            _logger.LogInformation("Channel {ChannelId} uses stream key {StreamKeyArn}", channelId, arn);
            return arn is null ? NotFound() : Ok(new { streamKeyArn = arn });
        }
        catch (AmazonIVSException ex)
        {
            _logger.LogWarning(ex, "ListStreamKeys failed for {ChannelId}", channelId);
            return Problem(title: "Stream key lookup failed", detail: $"reference {HttpContext.TraceIdentifier}", statusCode: 502);
        }
    }
}
