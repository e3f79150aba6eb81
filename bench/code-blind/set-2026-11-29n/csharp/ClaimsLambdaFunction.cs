// Claims status Lambda (API Gateway REST proxy) for the payer's provider portal.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace ExamplePayer.Claims
{
    public class ClaimsFunction
    {
        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(8) };
        private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
        private readonly IAmazonSQS _sqs = new AmazonSQSClient();
        private readonly string _secretArn = Environment.GetEnvironmentVariable("ADJUDICATION_SECRET_ARN");
        private readonly string _reprocessQueue = Environment.GetEnvironmentVariable("REPROCESS_QUEUE_URL");

        private static readonly Dictionary<string, string> JsonHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" };

        private async Task<string> AdjudicationApiKeyAsync(ILambdaContext context)
        {
            var response = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _secretArn });
            context.Logger.LogInformation($"Loaded adjudication secret {_secretArn} version {response.VersionId}");
            var apiKey = response.SecretString;
            if (apiKey.Length < 20)
            {
                LambdaLogger.Log($"Adjudication key looks truncated: {apiKey}"); // Noncompliant THC001
            }
            return apiKey;
        }

        public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
        {
            context.Logger.LogLine("Received: " + JsonSerializer.Serialize(request)); // Noncompliant THC002
            var requestId = request.RequestContext?.RequestId ?? context.AwsRequestId;
            request.Headers.TryGetValue("Authorization", out var authorization);
            if (string.IsNullOrEmpty(authorization))
            {
                return new APIGatewayProxyResponse { StatusCode = 401, Headers = JsonHeaders, Body = "{\"message\":\"Unauthorized\"}" };
            }

            var claimId = request.PathParameters != null && request.PathParameters.TryGetValue("claimId", out var id) ? id : null;
            context.Logger.LogInformation($"Status lookup for claim {claimId}, request {requestId}");

            try
            {
                var apiKey = await AdjudicationApiKeyAsync(context);
                using var message = new HttpRequestMessage(HttpMethod.Get, $"https://adjudication.internal.example-payer.com/claims/{claimId}");
                message.Headers.Add("X-Api-Key", apiKey);
                var upstream = await Http.SendAsync(message);

                if ((int)upstream.StatusCode == 409)
                {
                    var envelope = new { claimId, requestedAt = DateTime.UtcNow, callerAuthorization = authorization };
                    await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _reprocessQueue, MessageBody = JsonSerializer.Serialize(envelope) }); // Noncompliant THC009
                    await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _reprocessQueue + "-audit", MessageBody = JsonSerializer.Serialize(new { claimId, requestId }) });
                    return new APIGatewayProxyResponse { StatusCode = 202, Headers = JsonHeaders, Body = JsonSerializer.Serialize(new { claimId, status = "reprocessing" }) };
                }

                upstream.EnsureSuccessStatusCode();
                var body = await upstream.Content.ReadAsStringAsync();
                return new APIGatewayProxyResponse { StatusCode = 200, Headers = JsonHeaders, Body = body };
            }
            catch (HttpRequestException ex)
            {
                context.Logger.LogError($"Adjudication call failed for {claimId}: {ex.Message} (request {requestId})");
                return new APIGatewayProxyResponse { StatusCode = 502, Headers = JsonHeaders, Body = JsonSerializer.Serialize(new { message = "Upstream unavailable", correlationId = requestId }) };
            }
            catch (Exception ex)
            {
                return new APIGatewayProxyResponse { StatusCode = 500, Headers = JsonHeaders, Body = ex.ToString() }; // Noncompliant THC003
            }
        }
    }
}
