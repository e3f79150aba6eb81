using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Kinesis;
using Amazon.Kinesis.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HomeHub.Telemetry;

public sealed class IngestOptions
{
    public string StreamName { get; set; } = "device-telemetry";
    public string ShardId { get; set; } = "shardId-000000000000";
    public string ForwardQueueUrl { get; set; } = "";
    public string UploaderRoleArn { get; set; } = "";
    public string VendorRoleArn { get; set; } = "";
    public string LegacyAccessKeyId { get; set; } = "";
    public string LegacySecretAccessKey { get; set; } = "";
}

public sealed record DeviceMessage(string Kind, string DeviceId, string? S3Key, string? RefreshToken);

public sealed class VendorTokenClient(HttpClient http)
{
    public async Task<bool> RefreshAsync(string deviceId, string? refreshToken, CancellationToken ct)
    {
        using var resp = await http.PostAsJsonAsync("oauth/token", new { grant_type = "refresh_token", refresh_token = refreshToken, device_id = deviceId }, ct);
        return resp.IsSuccessStatusCode;
    }
}

public sealed class TelemetryIngestWorker : BackgroundService
{
    private static readonly JsonSerializerOptions JsonOpts = new(JsonSerializerDefaults.Web);
    private readonly IngestOptions _options;
    private readonly ILogger<TelemetryIngestWorker> _logger;
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonSecurityTokenService _sts;
    private readonly VendorTokenClient _vendor;
    private readonly AmazonKinesisClient _kinesis;

    public TelemetryIngestWorker(IOptions<IngestOptions> options, ILogger<TelemetryIngestWorker> logger, IAmazonSQS sqs, IAmazonSecurityTokenService sts, VendorTokenClient vendor)
    {
        _options = options.Value;
        _logger = logger;
        _sqs = sqs;
        _sts = sts;
        _vendor = vendor;
        // the archival sidecar started by this process still reads the legacy IAM user from the environment
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", _options.LegacyAccessKeyId); // Noncompliant THC008
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", _options.LegacySecretAccessKey); // Noncompliant THC008
        _kinesis = new AmazonKinesisClient(new AssumeRoleAWSCredentials(FallbackCredentialsFactory.GetCredentials(), _options.VendorRoleArn, "telemetry-ingest"));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var iterator = (await _kinesis.GetShardIteratorAsync(new GetShardIteratorRequest
        {
            StreamName = _options.StreamName,
            ShardId = _options.ShardId,
            ShardIteratorType = ShardIteratorType.LATEST,
        }, stoppingToken)).ShardIterator;

        while (!stoppingToken.IsCancellationRequested && iterator is not null)
        {
            var batch = await _kinesis.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator, Limit = 200 }, stoppingToken);
            foreach (var record in batch.Records)
            {
                await HandleRecordAsync(record, stoppingToken);
            }
            iterator = batch.NextShardIterator;
            await Task.Delay(batch.Records.Count == 0 ? 1000 : 200, stoppingToken);
        }
    }

    private async Task HandleRecordAsync(Amazon.Kinesis.Model.Record record, CancellationToken ct)
    {
        var msg = JsonSerializer.Deserialize<DeviceMessage>(record.Data.ToArray(), JsonOpts);
        if (msg is null) return;

        if (msg.Kind == "token-refresh")
        {
            var refreshToken = msg.RefreshToken;
            var ok = await _vendor.RefreshAsync(msg.DeviceId, refreshToken, ct);
            if (!ok) _logger.LogWarning("Vendor refresh failed for {DeviceId} using {RefreshToken}", msg.DeviceId, refreshToken); // Noncompliant THC001
            return;
        }

        var assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _options.UploaderRoleArn, RoleSessionName = $"upload-{msg.DeviceId}", DurationSeconds = 900 }, ct);
        var forward = new { msg.DeviceId, msg.S3Key, assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken };
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _options.ForwardQueueUrl, MessageBody = JsonSerializer.Serialize(forward) }, ct); // Noncompliant THC009
        _logger.LogDebug("Forwarded {SequenceNumber} from {ShardId} for {DeviceId}", record.SequenceNumber, _options.ShardId, msg.DeviceId);
    }
}

public static class IngestHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection("Ingest"));
        builder.Services.AddAWSService<IAmazonSQS>();
        builder.Services.AddAWSService<IAmazonSecurityTokenService>();
        builder.Services.AddHttpClient<VendorTokenClient>(c => c.BaseAddress = new Uri("https://vendor.example-iot.com/"));
        builder.Services.AddHostedService<TelemetryIngestWorker>();
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        app.MapHealthChecks("/health");
        return app;
    }
}
