using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Orders.Api;

public class OrdersFunction
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly IAmazonS3 _s3 = new AmazonS3Client();
    private readonly string _table = Environment.GetEnvironmentVariable("ORDERS_TABLE") ?? "orders";
    private readonly string _invoiceBucket = Environment.GetEnvironmentVariable("INVOICE_BUCKET") ?? "orders-invoices";

    public OrdersFunction()
    {
        // orders table is still in the shared account, see OPS-1182
        var accessKey = Environment.GetEnvironmentVariable("ORDERS_ACCESS_KEY_ID");
        var secretKey = Environment.GetEnvironmentVariable("ORDERS_SECRET_ACCESS_KEY");
        _dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials(accessKey, secretKey), RegionEndpoint.EUWest1); // Noncompliant THC008
    }

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Request {context.AwsRequestId}: {JsonSerializer.Serialize(request)}"); // Noncompliant THC002

        if (request.Headers == null || !request.Headers.TryGetValue("Authorization", out var authorization))
        {
            return Respond(HttpStatusCode.Unauthorized, new { message = "Unauthorized" });
        }
        context.Logger.LogLine($"Authorization header received: {authorization}"); // Noncompliant THC001

        string orderId = null;
        if (request.PathParameters == null || !request.PathParameters.TryGetValue("orderId", out orderId))
        {
            return Respond(HttpStatusCode.BadRequest, new { message = "orderId is required" });
        }

        try
        {
            var item = await _dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = _table,
                Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = orderId } }
            });
            if (item.Item == null || item.Item.Count == 0)
            {
                context.Logger.LogInformation($"Order {orderId} not found (request {context.AwsRequestId})");
                return Respond(HttpStatusCode.NotFound, new { message = "Order not found" });
            }

            string invoiceUrl = null;
            if (item.Item.TryGetValue("invoiceKey", out var invoiceKey))
            {
                invoiceUrl = _s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = _invoiceBucket, Key = invoiceKey.S, Expires = DateTime.UtcNow.AddMinutes(10) });
            }
            return Respond(HttpStatusCode.OK, new { orderId, status = item.Item["status"].S, invoiceUrl });
        }
        catch (AmazonDynamoDBException ex)
        {
            context.Logger.LogError($"DynamoDB failure for {orderId}: {ex.ErrorCode} {ex.Message}");
            return Respond(HttpStatusCode.ServiceUnavailable, new { message = "Please retry later", requestId = context.AwsRequestId });
        }
        catch (Exception ex)
        {
            return Respond(HttpStatusCode.InternalServerError, new { error = ex.ToString(), path = request.Path, query = request.QueryStringParameters }); // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponse Respond(HttpStatusCode status, object body) => new()
    {
        StatusCode = (int)status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = JsonSerializer.Serialize(body)
    };
}
