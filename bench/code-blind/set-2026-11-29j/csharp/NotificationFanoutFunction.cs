using System.Text.Json;
using Amazon;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Acme.Notifications;

public sealed record NotificationRequest(
    string TenantId,
    string UserId,
    string Channel,
    string Template,
    string? TaskToken,
    Dictionary<string, string> Vars);

public class NotificationFanoutFunction
{
    private static readonly string SmsSecretId = Environment.GetEnvironmentVariable("SMS_PROVIDER_SECRET_ID") ?? "prod/notifications/sms-provider";
    private static readonly string SmsTopicArn = Environment.GetEnvironmentVariable("SMS_TOPIC_ARN") ?? "";
    private static readonly string EmailTopicArn = Environment.GetEnvironmentVariable("EMAIL_TOPIC_ARN") ?? "";

    private readonly IAmazonSimpleNotificationService _sns;
    private readonly IAmazonSimpleNotificationService _legacyPushSns;
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonStepFunctions _sfn;

    public NotificationFanoutFunction()
    {
        _sns = new AmazonSimpleNotificationServiceClient();
        _secrets = new AmazonSecretsManagerClient();
        _sfn = new AmazonStepFunctionsClient();
        var legacyCreds = new BasicAWSCredentials("AKIAZ7FAKEH2JV6YC4MS", "FAKElegacyPushSecretR2d9Wq5Zx3Lm8Nv4Tb"); // Noncompliant THC008
        _legacyPushSns = new AmazonSimpleNotificationServiceClient(legacyCreds, RegionEndpoint.USEast1);
    }

    public async Task FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
    {
        context.Logger.LogLine(JsonSerializer.Serialize(sqsEvent)); // Noncompliant THC002
        var smsSecret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = SmsSecretId });
        context.Logger.LogInformation($"Loaded SMS provider secret {SmsSecretId} version {smsSecret.VersionId}");
        LambdaLogger.Log($"SMS provider credentials: {smsSecret.SecretString}"); // Noncompliant THC001

        foreach (var record in sqsEvent.Records)
        {
            var req = JsonSerializer.Deserialize<NotificationRequest>(record.Body)!;
            context.Logger.LogInformation($"Fan-out {record.MessageId} tenant={req.TenantId} channel={req.Channel}");
            switch (req.Channel)
            {
                case "sms":
                    await _sns.PublishAsync(new PublishRequest // Noncompliant THC009
                    {
                        TopicArn = SmsTopicArn,
                        Message = JsonSerializer.Serialize(new { req.TenantId, req.UserId, req.Template, req.Vars, providerAuth = smsSecret.SecretString }),
                    });
                    break;
                case "push":
                    await _legacyPushSns.PublishAsync(new PublishRequest { TargetArn = req.Vars["endpointArn"], Message = req.Vars["body"] });
                    break;
                default:
                    await _sns.PublishAsync(new PublishRequest
                    {
                        TopicArn = EmailTopicArn,
                        Message = JsonSerializer.Serialize(new { req.TenantId, req.UserId, req.Template, req.Vars }),
                    });
                    break;
            }

            if (req.TaskToken is not null)
            {
                await _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest
                {
                    TaskToken = req.TaskToken,
                    Output = JsonSerializer.Serialize(new { delivered = true, record.MessageId }),
                });
            }
        }
    }
}
