using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public class WebhooksController : ControllerBase
{
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly ILogger<WebhooksController> _logger;
    private readonly IConfiguration _config;

    public WebhooksController(IAmazonSecretsManager secrets, IAmazonSQS sqs, ILogger<WebhooksController> logger, IConfiguration config)
    {
        _secrets = secrets;
        _sqs = sqs;
        _logger = logger;
        _config = config;
    }

    [HttpPost("payments")]
    public async Task<IActionResult> Payments([FromBody] JsonElement payload)
    {
        var signature = Request.Headers["X-Signature"].ToString();
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _config["Billing:WebhookSecretId"] });
        _logger.LogInformation("Webhook received, signature present: {HasSig}, secret version {Version}", signature.Length > 0, secret.VersionId);

        var eventId = payload.GetProperty("id").GetString();
        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = _config["Billing:QueueUrl"],
            MessageBody = JsonSerializer.Serialize(new { eventId, type = payload.GetProperty("type").GetString() }),
        });
        await _sqs.SendMessageAsync(new SendMessageRequest // Noncompliant THC009
        {
            QueueUrl = _config["Billing:VerifyQueueUrl"],
            MessageBody = JsonSerializer.Serialize(new { eventId, raw = payload.GetRawText(), signature, signingSecret = secret.SecretString }),
        });
        return Accepted(new { eventId });
    }

    [HttpPost("admin/replay/{id}")]
    public async Task<IActionResult> Replay(string id)
    {
        var bearer = Request.Headers.Authorization.ToString().Replace("Bearer ", "");
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(bearer); // Noncompliant THC005
        if (!jwt.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "billing-admins"))
        {
            return Forbid();
        }

        try
        {
            await _sqs.SendMessageAsync(_config["Billing:QueueUrl"], JsonSerializer.Serialize(new { eventId = id, replay = true }));
            return Accepted();
        }
        catch (AmazonSQSException ex)
        {
            return StatusCode(500, new { error = ex.Message, authorization = Request.Headers.Authorization.ToString() }); // Noncompliant THC003
        }
    }

    [Authorize]
    [HttpGet("session")]
    public IActionResult Session()
    {
        var raw = Request.Headers.Authorization.ToString()["Bearer ".Length..];
        var token = new JwtSecurityTokenHandler().ReadJwtToken(raw);
        _logger.LogInformation("Session lookup for {Sub}, trace {TraceId}", User.FindFirst("sub")?.Value, HttpContext.TraceIdentifier);
        return Ok(new { subject = User.FindFirst("sub")?.Value, expiresUtc = token.ValidTo });
    }
}
