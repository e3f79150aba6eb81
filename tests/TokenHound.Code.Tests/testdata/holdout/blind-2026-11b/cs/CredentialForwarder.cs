using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Lambda;
using Amazon.Lambda.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tenancy.Services;

public class CredentialForwarder
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly IAmazonLambda _lambda;
    private readonly IAmazonSQS _sqs;
    private readonly ILogger<CredentialForwarder> _diag;

    public CredentialForwarder(IAmazonSecurityTokenService sts, IAmazonLambda lambda, IAmazonSQS sqs, ILogger<CredentialForwarder> diag)
    {
        _sts = sts; _lambda = lambda; _sqs = sqs; _diag = diag;
    }

    public async Task ProvisionAsync(string tenantId, string roleArn, CancellationToken ct)
    {
        var assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = $"prov-{tenantId}" }, ct);
        var creds = assumed.Credentials;
        var payload = JsonSerializer.Serialize(new { tenantId, accessKeyId = creds.AccessKeyId, secretAccessKey = creds.SecretAccessKey, sessionToken = creds.SessionToken });
        await _lambda.InvokeAsync(new InvokeRequest { FunctionName = "tenant-bootstrap", Payload = payload }, ct); // Noncompliant THC009
        _diag.LogInformation("Provisioning dispatched for {Tenant}, creds expire {Expiry}", tenantId, creds.Expiration);
    }

    public async Task QueueSyncAsync(string tenantId, string apiToken, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { tenantId, apiToken, requestedAt = DateTime.UtcNow });
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = Environment.GetEnvironmentVariable("SYNC_QUEUE_URL"), MessageBody = body }, ct); // Noncompliant THC009
        _diag.LogInformation("Sync queued for {Tenant} token hash {Hash}", tenantId, Fingerprint(apiToken));
    }

    public static string Fingerprint(string value)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return Convert.ToHexString(hash, 0, 6);
    }
}

public class TenantHeaderMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<TenantHeaderMiddleware> _trail;

    public TenantHeaderMiddleware(RequestDelegate next, ILogger<TenantHeaderMiddleware> trail)
    {
        _next = next;
        _trail = trail;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var tenant = context.Request.Headers["X-Tenant-Id"].ToString();
        var apiKey = context.Request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(tenant))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        context.Response.OnCompleted(() =>
        {
            _trail.LogDebug("Tenant {Tenant} used key {ApiKey}", tenant, apiKey); // Noncompliant THC001
            return Task.CompletedTask;
        });
        _trail.LogInformation("Tenant {Tenant} request {TraceId}", tenant, context.TraceIdentifier);
        await _next(context);
    }
}
