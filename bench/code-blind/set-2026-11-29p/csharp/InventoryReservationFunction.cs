using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Retail.Inventory.Reservations;

public sealed record ReservationRequest(string Sku, string WarehouseId, int Quantity, string OrderId);

public class InventoryReservationFunction
{
    private const string TableName = "inventory-reservations";
    private const string PartnerKeyParameter = "/inventory/3pl/partner-api-key";

    // Reservations table is still in the old shared-services account.
    private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIAZ7FAKEM4WQ2RT6YB", "FAKEsecretInventoryTable000000000000000"), RegionEndpoint.EUWest1); // Noncompliant THC008
    private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();
    private static readonly HttpClient Http = new() { BaseAddress = new Uri("https://api.3pl-partner.example/") };

    private static string? _partnerKey;

    private static async Task<string> PartnerKeyAsync()
    {
        if (_partnerKey is not null)
        {
            return _partnerKey;
        }
        var response = await Ssm.GetParameterAsync(new GetParameterRequest { Name = PartnerKeyParameter, WithDecryption = true });
        _partnerKey = response.Parameter.Value;
        LambdaLogger.Log($"3PL partner key refreshed: {_partnerKey}"); // Noncompliant THC001
        return _partnerKey;
    }

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation(JsonSerializer.Serialize(request)); // Noncompliant THC002

        var idempotencyKey = request.Headers != null && request.Headers.TryGetValue("Idempotency-Key", out var key) ? key : Guid.NewGuid().ToString("N");
        try
        {
            var reservation = JsonSerializer.Deserialize<ReservationRequest>(request.Body ?? "{}", new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
                ?? throw new ArgumentException("empty body");

            await Dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new AttributeValue($"{reservation.WarehouseId}#{reservation.Sku}"),
                    ["sk"] = new AttributeValue(idempotencyKey),
                    ["qty"] = new AttributeValue { N = reservation.Quantity.ToString() },
                    ["orderId"] = new AttributeValue(reservation.OrderId),
                    ["expiresAt"] = new AttributeValue { N = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString() },
                },
                ConditionExpression = "attribute_not_exists(sk)",
            });

            context.Logger.LogInformation($"Reserved {reservation.Quantity} x {reservation.Sku} at {reservation.WarehouseId}, idempotency {idempotencyKey}");

            using var partnerCall = new HttpRequestMessage(HttpMethod.Post, "v2/holds");
            partnerCall.Headers.Add("X-Partner-Key", await PartnerKeyAsync());
            partnerCall.Content = new StringContent(JsonSerializer.Serialize(reservation), System.Text.Encoding.UTF8, "application/json");
            var partnerResponse = await Http.SendAsync(partnerCall);
            partnerResponse.EnsureSuccessStatusCode();

            return Json(201, new { reserved = reservation.Quantity, reservation.Sku, idempotencyKey });
        }
        catch (ConditionalCheckFailedException)
        {
            context.Logger.LogWarning($"Duplicate reservation for idempotency key {idempotencyKey}");
            return Json(409, new { message = "already reserved", requestId = context.AwsRequestId });
        }
        catch (ArgumentException ex)
        {
            context.Logger.LogWarning($"Bad reservation request: {ex.GetType().Name}");
            return Json(400, new { message = "invalid reservation", requestId = context.AwsRequestId });
        }
        catch (Exception ex)
        {
            context.Logger.LogError($"Reservation failed, request {context.AwsRequestId}");
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString(), Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" } }; // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponse Json(int status, object body) => new()
    {
        StatusCode = status,
        Body = JsonSerializer.Serialize(body),
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
    };
}
