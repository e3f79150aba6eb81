using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Acme.Archive.Worker;

// bound from the "Archive" section of appsettings.json / environment variables by services.Configure<ArchiveOptions>(...)
public sealed class ArchiveOptions
{
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "eu-west-1";
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
}

public sealed class ArchiveWorker : BackgroundService
{
    private readonly ILogger<ArchiveWorker> _logger;
    private readonly ArchiveOptions _options;
    private readonly IAmazonS3 _s3;

    public ArchiveWorker(ILogger<ArchiveWorker> logger, IOptions<ArchiveOptions> options)
    {
        _logger = logger;
        _options = options.Value;
        _s3 = new AmazonS3Client(new BasicAWSCredentials(_options.AccessKeyId, _options.SecretAccessKey), RegionEndpoint.GetBySystemName(_options.Region)); // Noncompliant THC008
    }

    public static IAmazonS3 ForMonitor(IOptionsMonitor<ArchiveOptions> monitor) =>
        new AmazonS3Client(new BasicAWSCredentials(monitor.CurrentValue.AccessKeyId, monitor.CurrentValue.SecretAccessKey), RegionEndpoint.EUWest1); // Noncompliant THC008

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var listing = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.Bucket }, stoppingToken);
            _logger.LogInformation("archive holds {Count} objects", listing.KeyCount);
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}
