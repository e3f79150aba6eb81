using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Acme.Integrations.Controllers;

public sealed class ApiKeyOptions
{
    public string QueueUrl { get; set; } = "";
    public string PepperSecretId { get; set; } = "apikeys/pepper";
}

[ApiController]
[Authorize]
[Route("api/tenants/{tenantId}/keys")]
public class ApiKeysController : ControllerBase
{
    private readonly ILogger<ApiKeysController> _logger;
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonSecretsManager _secrets;
    private readonly ApiKeyOptions _options;

    public ApiKeysController(ILogger<ApiKeysController> logger, IAmazonSQS sqs, IOptions<ApiKeyOptions> options)
    {
        _logger = logger;
        _sqs = sqs;
        _options = options.Value;
        _secrets = new AmazonSecretsManagerClient(new BasicAWSCredentials("AKIAZ7FAKEJ7K3L2P5HD", "r8TqFAKEw1NcV6bXz0KpLm3HsYd9Ue4JgAFAKE2"), RegionEndpoint.USEast1); // Noncompliant THC008
    }

    [HttpPost]
    public async Task<IActionResult> Create(string tenantId, [FromBody] CreateKeyRequest body)
    {
        if (User.FindFirst("tenant_id")?.Value != tenantId)
        {
            return StatusCode(403, new { error = "token not valid for tenant", tenantId, token = Request.Headers.Authorization.ToString() }); // Noncompliant THC003
        }

        var pepper = (await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _options.PepperSecretId })).SecretString;
        var apiKey = "ak_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var hash = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), Encoding.UTF8.GetBytes(apiKey)));

        _logger.LogDebug("Issued key {ApiKey} for tenant {TenantId}", apiKey, tenantId); // Noncompliant THC001
        _logger.LogInformation("Key {Prefix}... (hash {Hash}) stored for {TenantId}, trace {Trace}", apiKey[..7], hash[..10], tenantId, HttpContext.TraceIdentifier);

        await _sqs.SendMessageAsync(new SendMessageRequest // Noncompliant THC009
        {
            QueueUrl = _options.QueueUrl,
            MessageBody = JsonSerializer.Serialize(new { tenantId, label = body.Label, apiKey, hash }),
        });
        return Created($"/api/tenants/{tenantId}/keys/{hash[..10]}", new { apiKey, label = body.Label });
    }

    [HttpDelete("{keyId}")]
    public async Task<IActionResult> Revoke(string tenantId, string keyId)
    {
        if (User.FindFirst("tenant_id")?.Value != tenantId)
        {
            return Forbid();
        }
        try
        {
            var message = JsonSerializer.Serialize(new { tenantId, keyId, action = "revoke", pepperSecretId = _options.PepperSecretId });
            await _sqs.SendMessageAsync(_options.QueueUrl, message);
            return NoContent();
        }
        catch (AmazonSQSException ex)
        {
            _logger.LogError(ex, "Failed to enqueue revoke for {TenantId}/{KeyId}", tenantId, keyId);
            return StatusCode(503, new { error = "revocation temporarily unavailable" });
        }
    }
}

public record CreateKeyRequest(string Label);
