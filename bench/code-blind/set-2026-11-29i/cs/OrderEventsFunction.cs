using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;
using Newtonsoft.Json;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]

namespace Acme.Orders.Fulfilment
{
    public class OrderEvent
    {
        public string OrderId { get; set; }
        public List<string> Items { get; set; }
        public string TaskToken { get; set; }
    }

    public class PartnerCredentials
    {
        public string ApiKey { get; set; }
        public string Endpoint { get; set; }
    }

    // netcoreapp3.1 Lambda (Amazon.Lambda.Serialization.Json era). Forwards order events
    // to the fulfilment partner's intake queue.
    public class OrderEventsFunction
    {
        private static readonly string FulfilmentSecretId = Environment.GetEnvironmentVariable("FULFILMENT_SECRET_ID");
        private static readonly string PartnerQueueUrl = Environment.GetEnvironmentVariable("PARTNER_QUEUE_URL");

        private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
        private readonly IAmazonSQS _sqs = new AmazonSQSClient();
        private readonly IAmazonStepFunctions _sfn = new AmazonStepFunctionsClient();

        public async Task FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
        {
            context.Logger.LogLine("Received: " + JsonConvert.SerializeObject(sqsEvent)); // Noncompliant THC002
            context.Logger.LogLine($"RequestId {context.AwsRequestId}, {sqsEvent.Records.Count} record(s)");

            var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = FulfilmentSecretId });
            LambdaLogger.Log($"Loaded fulfilment secret {secret.ARN} version {secret.VersionId}");
            LambdaLogger.Log("Fulfilment credentials: " + secret.SecretString); // Noncompliant THC001
            var partner = JsonConvert.DeserializeObject<PartnerCredentials>(secret.SecretString);

            foreach (var record in sqsEvent.Records)
            {
                var order = JsonConvert.DeserializeObject<OrderEvent>(record.Body);
                context.Logger.LogLine($"Forwarding order {order.OrderId} (message {record.MessageId})");

                await _sqs.SendMessageAsync(new SendMessageRequest // Noncompliant THC009
                {
                    QueueUrl = PartnerQueueUrl,
                    MessageBody = JsonConvert.SerializeObject(new { order.OrderId, order.Items, partnerApiKey = partner.ApiKey })
                });

                if (!string.IsNullOrEmpty(order.TaskToken))
                {
                    // resume the waiting workflow; the task token is not a credential
                    await _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest
                    {
                        TaskToken = order.TaskToken,
                        Output = JsonConvert.SerializeObject(new { order.OrderId, status = "FORWARDED" })
                    });
                }
            }
        }
    }
}
