using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Chat.Realtime;

// SAM template: ConnectFunction / DisconnectFunction on the chat WebSocket API.
public class WebSocketFunctions
{
    private readonly IAmazonDynamoDB _ddb;
    private readonly string _table = Environment.GetEnvironmentVariable("CONNECTIONS_TABLE") ?? "ws-connections";

    public WebSocketFunctions()
    {
        // TODO: switch to the execution role once the table moves into this account
        _ddb = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIAZ7FAKEHJ7V2C4GUS", "FAKEwJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKE00"), RegionEndpoint.EUWest1); // Noncompliant THC008
    }

    public async Task<APIGatewayProxyResponse> Connect(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine("Connect request: " + JsonSerializer.Serialize(request)); // Noncompliant THC002
        var connectionId = request.RequestContext.ConnectionId;
        string? token = null;
        request.QueryStringParameters?.TryGetValue("token", out token);
        if (string.IsNullOrEmpty(token))
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "Unauthorized" };
        }

        try
        {
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token); // Noncompliant THC005
            var room = jwt.Claims.FirstOrDefault(c => c.Type == "room")?.Value;
            if (room is null || !jwt.Claims.Any(c => c.Type == "scope" && c.Value.Contains("chat:join")))
            {
                context.Logger.LogLine($"Connection {connectionId} refused: missing room or scope");
                return new APIGatewayProxyResponse { StatusCode = 403, Body = "Forbidden" };
            }

            await _ddb.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["connectionId"] = new AttributeValue { S = connectionId },
                    ["room"] = new AttributeValue { S = room },
                    ["sub"] = new AttributeValue { S = jwt.Subject ?? "anonymous" },
                },
            });
            context.Logger.LogLine($"Connected {connectionId} to room {room} (request {context.AwsRequestId})");
            return new APIGatewayProxyResponse { StatusCode = 200, Body = "Connected" };
        }
        catch (Exception ex)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = $"Connect failed for {connectionId}: {ex}" }; // Noncompliant THC003
        }
    }

    public async Task<APIGatewayProxyResponse> Disconnect(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var connectionId = request.RequestContext.ConnectionId;
        try
        {
            await _ddb.DeleteItemAsync(_table, new Dictionary<string, AttributeValue>
            {
                ["connectionId"] = new AttributeValue { S = connectionId },
            });
        }
        catch (AmazonDynamoDBException ex)
        {
            context.Logger.LogLine($"Disconnect cleanup failed for {connectionId}: {ex.Message}");
            return new APIGatewayProxyResponse { StatusCode = 500, Body = "Cleanup failed" };
        }
        context.Logger.LogLine($"Disconnected {connectionId}");
        return new APIGatewayProxyResponse { StatusCode = 200, Body = "Disconnected" };
    }
}
