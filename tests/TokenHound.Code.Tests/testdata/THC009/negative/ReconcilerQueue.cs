using System.Text.Json;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Billing.Reconciler;

// The reconciler reads the secret itself: messages carry only ids and the secret's name.
public sealed class ReconcilerQueue(IAmazonSecretsManager secrets, IAmazonSQS sqs, IAmazonSimpleNotificationService sns)
{
    private static readonly string QueueUrl = Environment.GetEnvironmentVariable("RECONCILER_QUEUE_URL")!;
    private static readonly string TopicArn = Environment.GetEnvironmentVariable("BILLING_TOPIC_ARN")!;

    public async Task ForwardAsync(string secretId, string invoiceId)
    {
        var message = JsonSerializer.Serialize(new { invoiceId, secretId, at = DateTimeOffset.UtcNow });
        await sqs.SendMessageAsync(new SendMessageRequest(QueueUrl, message));
    }

    public async Task<string> RotateAsync(string secretId, string invoiceId)
    {
        var current = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        await sns.PublishAsync(new PublishRequest(TopicArn, $"invoice {invoiceId}: secret {secretId} version {current.VersionId} in use"));
        await sqs.SendMessageAsync(QueueUrl, JsonSerializer.Serialize(new { invoiceId, versionId = current.VersionId }));
        return current.VersionId;
    }
}
