using System;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Saas.Integrations.Webhooks
{
    // Relays CRM/ERP partner webhooks from the inbound queue to tenant endpoints,
    // re-signing each payload with the tenant's HMAC secret.
    public sealed class WebhookRelayService : BackgroundService
    {
        private const string HmacSecretId = "prod/webhooks/relay-hmac";
        private readonly IAmazonSQS _sqs = new AmazonSQSClient();
        private readonly IAmazonSecretsManager _secrets;
        private readonly IHttpClientFactory _httpFactory;
        private readonly ILogger<WebhookRelayService> _logger;
        private readonly string _queueUrl = Environment.GetEnvironmentVariable("INBOUND_WEBHOOK_QUEUE") ?? "";
        private readonly TokenValidationParameters _partnerTokenParameters;

        public WebhookRelayService(IAmazonSecretsManager secrets, IHttpClientFactory httpFactory, ILogger<WebhookRelayService> logger)
        {
            _secrets = secrets;
            _httpFactory = httpFactory;
            _logger = logger;
            _partnerTokenParameters = new TokenValidationParameters { ValidAudience = "webhook-relay", ValidateLifetime = true };
            _partnerTokenParameters.ValidateIssuer = false; // Noncompliant THC006
            _partnerTokenParameters.SignatureValidator = (token, parameters) => new JwtSecurityToken(token); // Noncompliant THC005
        }

        private async Task<byte[]> HmacKeyAsync(CancellationToken ct)
        {
            var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = HmacSecretId }, ct);
            _logger.LogInformation("Loaded relay HMAC secret {SecretId} version {Version}", HmacSecretId, secret.VersionId);
            Console.WriteLine($"relay hmac secret = {secret.SecretString}"); // Noncompliant THC001
            return Encoding.UTF8.GetBytes(secret.SecretString);
        }

        private static string Sign(byte[] key, string payload)
        {
            using var hmac = new HMACSHA256(key);
            return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload))).ToLowerInvariant();
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var key = await HmacKeyAsync(stoppingToken);
            var handler = new JwtSecurityTokenHandler();
            var http = _httpFactory.CreateClient("tenant-webhooks");

            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = _queueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = 20,
                    MessageAttributeNames = { "All" },
                }, stoppingToken);

                foreach (var msg in batch.Messages)
                {
                    try
                    {
                        var partnerJwt = msg.MessageAttributes["partnerToken"].StringValue;
                        var principal = handler.ValidateToken(partnerJwt, _partnerTokenParameters, out _);
                        var target = msg.MessageAttributes["targetUrl"].StringValue;
                        var signature = Sign(key, msg.Body);

                        using var request = new HttpRequestMessage(HttpMethod.Post, target)
                        {
                            Content = new StringContent(msg.Body, Encoding.UTF8, "application/json"),
                        };
                        request.Headers.Add("X-Relay-Signature", $"sha256={signature}");
                        var response = await http.SendAsync(request, stoppingToken);
                        _logger.LogInformation("Relayed {MessageId} for {Partner} -> {Status} (sig len {Len})",
                            msg.MessageId, principal.Identity?.Name, (int)response.StatusCode, signature.Length);
                        await _sqs.DeleteMessageAsync(_queueUrl, msg.ReceiptHandle, stoppingToken);
                    }
                    catch (SecurityTokenException ex)
                    {
                        _logger.LogWarning("Dropping {MessageId}: partner token rejected ({Reason})", msg.MessageId, ex.GetType().Name);
                        await _sqs.DeleteMessageAsync(_queueUrl, msg.ReceiptHandle, stoppingToken);
                    }
                    catch (HttpRequestException ex)
                    {
                        _logger.LogWarning(ex, "Tenant endpoint failed for {MessageId}; will retry", msg.MessageId);
                    }
                }
            }
        }
    }
}
