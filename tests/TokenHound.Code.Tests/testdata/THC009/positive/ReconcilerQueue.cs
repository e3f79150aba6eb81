using System.Text.Json;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Billing.Reconciler;

// Hands invoices to the reconciler service, with the positional overloads of the AWS SDK for .NET.
public sealed class ReconcilerQueue(IAmazonSecretsManager secrets, IAmazonSQS sqs, IAmazonSimpleNotificationService sns)
{
    private static readonly string QueueUrl = Environment.GetEnvironmentVariable("RECONCILER_QUEUE_URL")!;
    private static readonly string TopicArn = Environment.GetEnvironmentVariable("BILLING_TOPIC_ARN")!;

    public async Task ForwardAsync(string secretId, string invoiceId)
    {
        var response = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        var message = JsonSerializer.Serialize(new { invoiceId, credentials = response.SecretString });
        await sqs.SendMessageAsync(new SendMessageRequest(QueueUrl, message)); // Noncompliant
    }

    public async Task ForwardRawAsync(string secretId)
    {
        var db = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        await sqs.SendMessageAsync(QueueUrl, db.SecretString); // Noncompliant
    }

    public async Task AnnounceAsync(string secretId, string invoiceId)
    {
        var key = (await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId })).SecretString;
        await sns.PublishAsync(new PublishRequest(TopicArn, $"invoice {invoiceId} signed with {key}", "invoice")); // Noncompliant
    }
}
