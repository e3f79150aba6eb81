using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Invoices.Lambda;

public class Function
{
    private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
    private static readonly IAmazonS3 S3 = new AmazonS3Client();
    private static readonly IAmazonS3 ArchiveS3 = new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"), Amazon.RegionEndpoint.USEast1); // Noncompliant THC008

    public async Task<APIGatewayProxyResponse> Handler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine($"Invoice request {context.AwsRequestId} path={request.Path}");
        LambdaLogger.Log("Raw request: " + JsonSerializer.Serialize(request)); // Noncompliant THC002

        if (!TryParseInvoiceId(request.PathParameters, out var invoiceId))
        {
            return Json(400, new { error = "invalid invoice id" });
        }

        var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "invoices/pdf-service" });
        context.Logger.LogLine($"pdf service credentials: {secret.SecretString}"); // Noncompliant THC001

        var key = $"invoices/{invoiceId[..2]}/{invoiceId}.pdf";
        var obj = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "invoices", Key = key });
        context.Logger.LogInformation("Found {0} bytes for {1}", obj.ContentLength, invoiceId);
        return Json(200, new { invoiceId, size = FormatSize(obj.ContentLength), archived = ArchiveS3 is not null });
    }

    private static bool TryParseInvoiceId(IDictionary<string, string>? parameters, out string invoiceId)
    {
        invoiceId = string.Empty;
        if (parameters is null || !parameters.TryGetValue("id", out var raw)) return false;
        if (raw.Length != 12 || !raw.All(char.IsLetterOrDigit)) return false;
        invoiceId = raw.ToUpperInvariant();
        return true;
    }

    private static string FormatSize(long bytes)
    {
        string[] units = { "B", "KB", "MB", "GB" };
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1) { size /= 1024; unit++; }
        return $"{size:0.#} {units[unit]}";
    }

    private static APIGatewayProxyResponse Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = JsonSerializer.Serialize(body),
    };
}
