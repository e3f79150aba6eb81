using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Reports.Functions;

public class ReportFunction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IAmazonS3 _s3;
    private readonly IAmazonS3 _archive;

    public ReportFunction()
    {
        _s3 = new AmazonS3Client();
        _archive = new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"), Amazon.RegionEndpoint.USEast1); // Noncompliant THC008
    }

    public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine($"Request {context.AwsRequestId} {request.HttpMethod} {request.Path}");
        context.Logger.LogLine(JsonSerializer.Serialize(request)); // Noncompliant THC002

        if (request.Headers is null || !request.Headers.TryGetValue("x-api-key", out var apiKey))
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"message\":\"api key required\"}" };
        }
        LambdaLogger.Log($"api key used: {apiKey}"); // Noncompliant THC001

        try
        {
            var reportId = request.PathParameters?["reportId"] ?? throw new ArgumentException("reportId missing");
            var obj = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = Environment.GetEnvironmentVariable("REPORTS_BUCKET"), Key = $"reports/{reportId}.json" });
            using var reader = new StreamReader(obj.ResponseStream);
            var body = await reader.ReadToEndAsync();
            await _archive.PutObjectAsync(new PutObjectRequest { BucketName = "legacy-report-archive", Key = $"{reportId}.json", ContentBody = body });
            return new APIGatewayProxyResponse { StatusCode = 200, Body = body, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } };
        }
        catch (ArgumentException)
        {
            return new APIGatewayProxyResponse { StatusCode = 400, Body = JsonSerializer.Serialize(new { message = "invalid report request" }, Json) };
        }
        catch (Exception ex)
        {
            context.Logger.LogError(ex.ToString());
            return new APIGatewayProxyResponse
            {
                StatusCode = 500,
                Body = ex.ToString(), // Noncompliant THC003
            };
        }
    }
}
