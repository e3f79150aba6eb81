using System.Text.Json;
using Amazon;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Fulfillment;

[LambdaStartup]
public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAWSService<IAmazonSecretsManager>();
        services.AddAWSService<IAmazonSQS>();
        services.AddAWSService<IAmazonS3>();
    }
}

public class ShipmentFunctions
{
    private static readonly IAmazonS3 ArchiveS3 = new AmazonS3Client(new BasicAWSCredentials(Environment.GetEnvironmentVariable("ARCHIVE_ACCESS_KEY"), Environment.GetEnvironmentVariable("ARCHIVE_SECRET_KEY")), RegionEndpoint.EUWest1); // Noncompliant THC008

    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonS3 _s3;

    public ShipmentFunctions(IAmazonSecretsManager secrets, IAmazonSQS sqs, IAmazonS3 s3)
    {
        _secrets = secrets;
        _sqs = sqs;
        _s3 = s3;
    }

    [LambdaFunction(MemorySize = 512, Timeout = 30)]
    [HttpApi(LambdaHttpMethod.Post, "/shipments")]
    public async Task<IHttpResult> CreateShipment([FromBody] ShipmentRequest request, APIGatewayHttpApiV2ProxyRequest raw, ILambdaContext context)
    {
        context.Logger.LogInformation($"CreateShipment request {raw.RequestContext.RequestId} for order {request.OrderId}");
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = Environment.GetEnvironmentVariable("CARRIER_SECRET_ID") });
        var carrierKey = secret.SecretString;
        context.Logger.LogInformation($"Carrier key loaded: {carrierKey.Length} chars, version {secret.VersionId}");
        context.Logger.LogDebug($"Using carrier credentials {carrierKey}"); // Noncompliant THC001

        var labelJob = new { request.OrderId, request.Carrier, carrierApiKey = carrierKey };
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = Environment.GetEnvironmentVariable("LABEL_QUEUE_URL"), MessageBody = JsonSerializer.Serialize(labelJob) }); // Noncompliant THC009

        await _sqs.SendMessageAsync(Environment.GetEnvironmentVariable("AUDIT_QUEUE_URL"),
            JsonSerializer.Serialize(new { request.OrderId, Event = "shipment-requested", raw.RequestContext.RequestId }));
        return HttpResults.Accepted(new { request.OrderId });
    }

    [LambdaFunction]
    [HttpApi(LambdaHttpMethod.Post, "/shipments/{orderId}/archive")]
    public async Task<IHttpResult> Archive(string orderId, APIGatewayHttpApiV2ProxyRequest raw, ILambdaContext context)
    {
        context.Logger.LogInformation("Archive request: " + JsonSerializer.Serialize(raw)); // Noncompliant THC002
        using var label = await _s3.GetObjectAsync(Environment.GetEnvironmentVariable("LABEL_BUCKET"), $"{orderId}.pdf");
        await ArchiveS3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "legacy-label-archive",
            Key = $"labels/{orderId}.pdf",
            InputStream = label.ResponseStream,
        });
        context.Logger.LogInformation($"Archived label for {orderId} ({raw.RequestContext.RequestId})");
        return HttpResults.Ok();
    }
}

public record ShipmentRequest(string OrderId, string Carrier);
