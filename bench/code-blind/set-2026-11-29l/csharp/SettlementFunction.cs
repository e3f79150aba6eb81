using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Ledger.Settlement;

public record SettlementReportRequest(string MerchantId, string BusinessDate);

// POST /settlements/report  (API Gateway REST proxy integration)
public class SettlementFunction
{
    private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
    private static readonly IAmazonS3 Reports = new AmazonS3Client(RegionEndpoint.EUWest1);
    private readonly IAmazonS3 _acquirerDrop = new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEACQDRP5K3N", "FAKEacquirerDropSecretKey00000000000000"), RegionEndpoint.EUWest1); // Noncompliant THC008

    private static readonly string AcquirerSecretId = Environment.GetEnvironmentVariable("ACQUIRER_SECRET_ID") ?? "prod/acquirer/sftp";
    private static readonly string ReportsBucket = Environment.GetEnvironmentVariable("REPORTS_BUCKET") ?? "settlement-reports";

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine("Settlement request: " + JsonSerializer.Serialize(request)); // Noncompliant THC002
        context.Logger.LogLine($"Settlement request {request.RequestContext.RequestId} {request.HttpMethod} {request.Path}");

        SettlementReportRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<SettlementReportRequest>(request.Body ?? "{}");
        }
        catch (JsonException)
        {
            return Json(400, new { error = "invalid_body", requestId = context.AwsRequestId });
        }
        if (body is null || string.IsNullOrEmpty(body.MerchantId))
        {
            return Json(400, new { error = "merchantId required", requestId = context.AwsRequestId });
        }

        try
        {
            var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = AcquirerSecretId });
            LambdaLogger.Log($"Acquirer credentials loaded: {secret.SecretString}"); // Noncompliant THC001
            LambdaLogger.Log($"Using acquirer secret {secret.ARN} version {secret.VersionId}");

            var key = $"drop/{body.BusinessDate}/{body.MerchantId}.csv";
            using var raw = await _acquirerDrop.GetObjectAsync("acquirer-settlement-drop", key);
            using var reader = new StreamReader(raw.ResponseStream);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            var total = lines.Skip(1).Select(l => decimal.Parse(l.Split(',')[3])).Sum();
            var report = new StringBuilder()
                .AppendLine("merchant,businessDate,transactions,net")
                .AppendLine($"{body.MerchantId},{body.BusinessDate},{lines.Length - 1},{total}")
                .ToString();

            await Reports.PutObjectAsync(new PutObjectRequest
            {
                BucketName = ReportsBucket,
                Key = $"reports/{body.MerchantId}/{body.BusinessDate}.csv",
                ContentBody = report,
            });
            context.Logger.LogLine($"Report written for {body.MerchantId} ({lines.Length - 1} rows)");
            return Json(200, new { merchantId = body.MerchantId, transactions = lines.Length - 1, net = total });
        }
        catch (Exception e)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = e.ToString() }; // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponse Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = JsonSerializer.Serialize(body),
    };
}
