using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SageMakerRuntime;
using Amazon.SageMakerRuntime.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Acme.Ml.Inference;

public class Function
{
    private const string ArtifactBucket = "acme-model-artifacts-legacy";
    private readonly AmazonSageMakerRuntimeClient _runtime = new AmazonSageMakerRuntimeClient();
    private readonly AmazonS3Client _artifacts;
    private readonly string _endpointName = Environment.GetEnvironmentVariable("ENDPOINT_NAME") ?? "fraud-lgbm-prod";
    private readonly string _scoringApiKey = Environment.GetEnvironmentVariable("SCORING_API_KEY") ?? string.Empty;

    public Function()
    {
        // Legacy artifact bucket is still owned by the old ML account.
        var artifactCreds = new BasicAWSCredentials("AKIAZ7FAKEARTFACT5QZ", "FAKEartifactSecretKey000000000000000000"); // Noncompliant THC008
        _artifacts = new AmazonS3Client(artifactCreds, RegionEndpoint.USEast1);
    }

    public async Task<APIGatewayProxyResponse> Handler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation(JsonSerializer.Serialize(request)); // Noncompliant THC002
        context.Logger.LogInformation($"invoke request {context.AwsRequestId} path={request.Path}");

        string? presented = null;
        request.Headers?.TryGetValue("x-api-key", out presented);
        if (string.IsNullOrEmpty(presented) || presented != _scoringApiKey)
        {
            LambdaLogger.Log($"rejected api key {presented}"); // Noncompliant THC001
            context.Logger.LogWarning($"rejected caller, key length {presented?.Length ?? 0}");
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"error\":\"unauthorized\"}" };
        }

        try
        {
            var threshold = await LoadThresholdAsync();
            var response = await _runtime.InvokeEndpointAsync(new InvokeEndpointRequest
            {
                EndpointName = _endpointName,
                ContentType = "text/csv",
                Body = new MemoryStream(Encoding.UTF8.GetBytes(request.Body ?? string.Empty)),
            });
            using var reader = new StreamReader(response.Body);
            var score = double.Parse(await reader.ReadToEndAsync());
            var result = new Dictionary<string, object>
            {
                ["score"] = score,
                ["fraud"] = score >= threshold,
                ["model"] = _endpointName,
            };
            return new APIGatewayProxyResponse { StatusCode = 200, Body = JsonSerializer.Serialize(result) };
        }
        catch (Exception ex)
        {
            context.Logger.LogError($"invoke failed: {ex.GetType().Name} {ex.Message}");
            return new APIGatewayProxyResponse
            {
                StatusCode = 500,
                Body = JsonSerializer.Serialize(new { error = "inference failed", detail = ex.ToString() }), // Noncompliant THC003
            };
        }
    }

    private async Task<double> LoadThresholdAsync()
    {
        var obj = await _artifacts.GetObjectAsync(new GetObjectRequest { BucketName = ArtifactBucket, Key = "fraud/threshold.txt" });
        using var reader = new StreamReader(obj.ResponseStream);
        return double.Parse((await reader.ReadToEndAsync()).Trim());
    }
}
