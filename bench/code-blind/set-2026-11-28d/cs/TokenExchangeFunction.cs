using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Partner.Functions;

public class TokenExchangeFunction
{
    private static readonly JsonSerializerOptions JsonOpts = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json" };

    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly string _partnerSecretId;

    public TokenExchangeFunction()
    {
        _secrets = new AmazonSecretsManagerClient(RegionEndpoint.EUWest1);
        // partner queue is in the partner's account; they gave us an IAM user
        _sqs = new AmazonSQSClient(new BasicAWSCredentials(Environment.GetEnvironmentVariable("PARTNER_QUEUE_KEY_ID"), Environment.GetEnvironmentVariable("PARTNER_QUEUE_SECRET")), RegionEndpoint.EUWest1); // Noncompliant THC008
        _queueUrl = Environment.GetEnvironmentVariable("PARTNER_QUEUE_URL") ?? throw new InvalidOperationException("PARTNER_QUEUE_URL missing");
        _partnerSecretId = Environment.GetEnvironmentVariable("PARTNER_SECRET_ID") ?? "partner/api-key";
    }

    public async Task<APIGatewayHttpApiV2ProxyResponse> FunctionHandler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Received {JsonSerializer.Serialize(request)}"); // Noncompliant THC002
        context.Logger.LogInformation($"RequestId {context.AwsRequestId} route {request.RouteKey}");

        try
        {
            var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _partnerSecretId });
            var apiKey = secret.SecretString;
            LambdaLogger.Log($"Using partner key {apiKey} from {_partnerSecretId}"); // Noncompliant THC001

            request.Headers.TryGetValue("authorization", out var authHeader);
            var exchange = new { userToken = authHeader, partnerKeyLength = apiKey.Length, route = request.RouteKey };
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = JsonSerializer.Serialize(exchange, JsonOpts) }); // Noncompliant THC009

            var audit = new { type = "audit", secretId = _partnerSecretId, requestId = context.AwsRequestId };
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = JsonSerializer.Serialize(audit, JsonOpts) });

            return new APIGatewayHttpApiV2ProxyResponse
            {
                StatusCode = 202,
                Headers = JsonHeaders,
                Body = "{\"status\":\"accepted\"}",
            };
        }
        catch (Exception ex)
        {
            context.Logger.LogError($"Exchange failed: {ex}");
            return new APIGatewayHttpApiV2ProxyResponse
            {
                StatusCode = 500,
                Headers = JsonHeaders,
                Body = "{\"message\":\"internal error\"}",
            };
        }
    }
}
