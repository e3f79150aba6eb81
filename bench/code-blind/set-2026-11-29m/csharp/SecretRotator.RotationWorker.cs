// Secret-rotation helper for the shared CI databases. Generic host worker on
// ECS; rotates each configured secret and notifies the consumers over SQS.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Acme.DevTools.SecretRotator;

public sealed class RotationOptions
{
    public string Region { get; set; } = "eu-west-1";
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
    public List<string> SecretIds { get; set; } = new();
    public string ConsumerQueueUrl { get; set; } = "";
    public string AuditQueueUrl { get; set; } = "";
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(12);
}

public sealed class RotationWorker : BackgroundService
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";

    private readonly ILogger<RotationWorker> _logger;
    private readonly RotationOptions _options;
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;

    public RotationWorker(ILogger<RotationWorker> logger, IOptions<RotationOptions> options, IAmazonSQS sqs)
    {
        _logger = logger;
        _options = options.Value;
        _sqs = sqs;
        _secrets = new AmazonSecretsManagerClient(new BasicAWSCredentials(_options.AccessKeyId, _options.SecretAccessKey), RegionEndpoint.GetBySystemName(_options.Region)); // Noncompliant THC008
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var secretId in _options.SecretIds)
            {
                try
                {
                    await RotateAsync(secretId, stoppingToken);
                }
                catch (AmazonServiceException ex)
                {
                    _logger.LogError("Rotation of {SecretId} failed: {Code} ({RequestId})", secretId, ex.ErrorCode, ex.RequestId);
                }
            }
            await Task.Delay(_options.Interval, stoppingToken);
        }
    }

    private async Task RotateAsync(string secretId, CancellationToken ct)
    {
        var current = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, ct);
        _logger.LogInformation("Rotating {SecretId} (current version {VersionId})", secretId, current.VersionId);

        var newPassword = GeneratePassword(32);
        var put = await _secrets.PutSecretValueAsync(new PutSecretValueRequest
        {
            SecretId = secretId,
            SecretString = newPassword,
            VersionStages = new List<string> { "AWSCURRENT" },
        }, ct);

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(newPassword)))[..12];
        _logger.LogInformation("New version {VersionId} for {SecretId}, fingerprint {Fingerprint}", put.VersionId, secretId, fingerprint);
        _logger.LogDebug("New password for {SecretId}: {Password}", secretId, newPassword); // Noncompliant THC001

        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _options.ConsumerQueueUrl, MessageBody = JsonSerializer.Serialize(new { secretId, versionId = put.VersionId, password = newPassword }) }, ct); // Noncompliant THC009
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _options.AuditQueueUrl, MessageBody = JsonSerializer.Serialize(new { secretId, versionId = put.VersionId, rotatedAt = DateTimeOffset.UtcNow }) }, ct);
    }

    private static string GeneratePassword(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }
}

public static class Program
{
    public static async Task Main(string[] args)
    {
        using var host = Host.CreateDefaultBuilder(args)
            .ConfigureServices((ctx, services) =>
            {
                services.Configure<RotationOptions>(ctx.Configuration.GetSection("Rotation"));
                services.AddDefaultAWSOptions(ctx.Configuration.GetAWSOptions());
                services.AddAWSService<IAmazonSQS>();
                services.AddHostedService<RotationWorker>();
            })
            .Build();
        await host.RunAsync();
    }
}
