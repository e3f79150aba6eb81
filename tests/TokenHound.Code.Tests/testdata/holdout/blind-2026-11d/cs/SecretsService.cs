using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Billing.Infrastructure;

public sealed class SecretsService
{
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly ILogger<SecretsService> _logger;

    public SecretsService(IAmazonSecretsManager secrets, IAmazonSQS sqs, ILogger<SecretsService> logger)
    {
        _secrets = secrets;
        _sqs = sqs;
        _logger = logger;
    }

    public async Task<string> GetDatabasePasswordAsync(string secretId)
    {
        var response = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        _logger.LogInformation("Loaded secret {SecretId} version {VersionId}", secretId, response.VersionId);
        var doc = JsonDocument.Parse(response.SecretString);
        var password = doc.RootElement.GetProperty("password").GetString()!;
        _logger.LogDebug("Database password is {Password}", password); // Noncompliant THC001
        return password;
    }

    public async Task ForwardToReconcilerAsync(string secretId, string invoiceId)
    {
        var response = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        var message = JsonSerializer.Serialize(new { invoiceId, credentials = response.SecretString });
        await _sqs.SendMessageAsync(new SendMessageRequest(Environment.GetEnvironmentVariable("RECONCILER_QUEUE_URL"), message)); // Noncompliant THC009
    }

    public async Task NotifyInvoiceAsync(string invoiceId)
    {
        var message = JsonSerializer.Serialize(new { invoiceId, at = DateTimeOffset.UtcNow });
        await _sqs.SendMessageAsync(new SendMessageRequest(Environment.GetEnvironmentVariable("INVOICE_QUEUE_URL"), message));
        _logger.LogInformation("Invoice {InvoiceId} queued", invoiceId);
    }

    public static IAmazonS3 CreateArchiveClient()
    {
        return new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"), RegionEndpoint.USEast1); // Noncompliant THC008
    }

    public static IAmazonS3 CreateDefaultClient() => new AmazonS3Client(RegionEndpoint.EUWest1);
}
