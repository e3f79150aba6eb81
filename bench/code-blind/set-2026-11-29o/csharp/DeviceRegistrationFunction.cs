using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace HomeHub.PushRegistration;

public record RegistrationBody(string Platform, string DeviceToken, string AppVersion);

/// <summary>
/// POST /push/registrations — registers the companion app's push channel as an SNS platform endpoint.
/// </summary>
public class Function
{
    private static readonly JsonSerializerOptions JsonOpts = new() { PropertyNameCaseInsensitive = true };

    private static readonly Dictionary<string, string> PlatformApps = new()
    {
        ["APNS"] = Environment.GetEnvironmentVariable("APNS_APP_ARN") ?? "",
        ["GCM"] = Environment.GetEnvironmentVariable("FCM_APP_ARN") ?? "",
    };

    private static readonly string Table = Environment.GetEnvironmentVariable("ENDPOINTS_TABLE") ?? "push-endpoints";

    private readonly IAmazonSimpleNotificationService _sns;
    private readonly IAmazonDynamoDB _dynamo;

    public Function()
    {
        _sns = new AmazonSimpleNotificationServiceClient(new BasicAWSCredentials("AKIAZ7FAKESNSPUSH4KZ", "pushFAKEsecretKEY+0000000000000000000000"), RegionEndpoint.USEast1); // Noncompliant THC008
        _dynamo = new AmazonDynamoDBClient();
    }

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine(JsonSerializer.Serialize(request)); // Noncompliant THC002
        var requestId = context.AwsRequestId;

        string? authorization = null;
        request.Headers?.TryGetValue("Authorization", out authorization);
        context.Logger.LogInformation($"push registration {requestId}, caller credential {authorization}"); // Noncompliant THC001

        string? playerId = null;
        request.RequestContext?.Authorizer?.Claims?.TryGetValue("sub", out playerId);
        if (string.IsNullOrEmpty(playerId))
        {
            return Respond(401, new { error = "unauthorized", requestId });
        }

        try
        {
            var body = JsonSerializer.Deserialize<RegistrationBody>(request.Body ?? "{}", JsonOpts)
                       ?? throw new ArgumentException("empty body");
            if (!PlatformApps.TryGetValue(body.Platform.ToUpperInvariant(), out var appArn) || appArn.Length == 0)
            {
                return Respond(400, new { error = "unsupported platform", requestId });
            }

            var endpoint = await _sns.CreatePlatformEndpointAsync(new CreatePlatformEndpointRequest
            {
                PlatformApplicationArn = appArn,
                Token = body.DeviceToken,
                CustomUserData = playerId,
            });
            context.Logger.LogInformation($"registered endpoint {endpoint.EndpointArn} for player {playerId} (app {body.AppVersion})");

            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["playerId"] = new AttributeValue { S = playerId },
                    ["endpointArn"] = new AttributeValue { S = endpoint.EndpointArn },
                    ["platform"] = new AttributeValue { S = body.Platform },
                    ["registeredAt"] = new AttributeValue { S = DateTimeOffset.UtcNow.ToString("O") },
                },
            });
            return Respond(201, new { endpointArn = endpoint.EndpointArn });
        }
        catch (InvalidParameterException ex)
        {
            context.Logger.LogWarning($"SNS rejected registration {requestId}: {ex.ErrorCode}");
            return Respond(400, new { error = "invalid device registration", requestId });
        }
        catch (Exception ex)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponse Respond(int status, object body) => new()
    {
        StatusCode = status,
        Body = JsonSerializer.Serialize(body),
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
    };
}
