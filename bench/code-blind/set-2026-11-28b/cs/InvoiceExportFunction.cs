using System.Text.Json;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Invoices.Export;

public class InvoiceExportFunction
{
    private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient();
    private static readonly IAmazonS3 ExportS3 = new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEWXYZ234567", "FAKEkeyFAKEkeyFAKEkeyFAKEkeyFAKEkeyFAKEk"), RegionEndpoint.EUWest1); // Noncompliant THC008

    private static readonly string TableName = Environment.GetEnvironmentVariable("INVOICES_TABLE") ?? "invoices";
    private static readonly string ExportBucket = Environment.GetEnvironmentVariable("EXPORT_BUCKET") ?? "invoice-exports";

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Request {context.AwsRequestId} {request.HttpMethod} {request.Path}");
        context.Logger.LogLine(JsonSerializer.Serialize(request)); // Noncompliant THC002

        string? authorization = null;
        request.Headers?.TryGetValue("Authorization", out authorization);
        if (string.IsNullOrEmpty(authorization))
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"message\":\"Unauthorized\"}" };
        }
        LambdaLogger.Log($"Caller authorization: {authorization}\n"); // Noncompliant THC001

        var invoiceId = request.PathParameters?["invoiceId"];
        try
        {
            var table = Table.LoadTable(Dynamo, TableName);
            var doc = await table.GetItemAsync(invoiceId);
            if (doc == null)
            {
                return new APIGatewayProxyResponse { StatusCode = 404, Body = "{\"message\":\"Not found\"}" };
            }

            var key = $"exports/{invoiceId}.json";
            await ExportS3.PutObjectAsync(new PutObjectRequest { BucketName = ExportBucket, Key = key, ContentBody = doc.ToJson() });
            context.Logger.LogInformation($"Exported invoice {invoiceId} to s3://{ExportBucket}/{key}");
            return new APIGatewayProxyResponse { StatusCode = 200, Body = JsonSerializer.Serialize(new { invoiceId, key }) };
        }
        catch (AmazonS3Exception s3ex)
        {
            context.Logger.LogError($"S3 export failed: {s3ex.ErrorCode} ({context.AwsRequestId})");
            return new APIGatewayProxyResponse
            {
                StatusCode = 502,
                Body = JsonSerializer.Serialize(new { message = "Export failed", requestId = context.AwsRequestId }),
            };
        }
        catch (Exception ex)
        {
            context.Logger.LogError(ex, "Invoice export failed");
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }
}
