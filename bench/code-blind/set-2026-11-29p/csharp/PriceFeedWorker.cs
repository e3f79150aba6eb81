using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Marketplace.Pricing;

public sealed record SupplierFeed(string SupplierId, string FeedUrl, string Username, string Password, string ApiKey);

public sealed record PriceRow(string Sku, decimal Price, string Currency);

/// <summary>
/// Worker service that pulls supplier price feeds every 15 minutes, archives the raw file to S3
/// and enqueues the parsed rows for the repricing service.
/// </summary>
public sealed class PriceFeedWorker : BackgroundService
{
    private static readonly ILogger Log = Serilog.Log.ForContext<PriceFeedWorker>();

    private readonly IConfiguration _config;
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonS3 _archive;
    private readonly HttpClient _http;

    public PriceFeedWorker(IConfiguration config, IAmazonSecretsManager secrets, IHttpClientFactory httpFactory)
    {
        _config = config;
        _secrets = secrets;
        _sqs = new AmazonSQSClient(RegionEndpoint.EUWest1);
        _archive = new AmazonS3Client(config["Archive:AccessKeyId"], config["Archive:SecretAccessKey"], RegionEndpoint.EUWest1); // Noncompliant THC008
        _http = httpFactory.CreateClient("feeds");
    }

    private async Task<IReadOnlyList<SupplierFeed>> LoadFeedsAsync(CancellationToken ct)
    {
        var names = _config.GetSection("Pricing:FeedSecrets").Get<string[]>() ?? Array.Empty<string>();
        var feeds = new List<SupplierFeed>();
        foreach (var name in names)
        {
            Log.Debug("Loading feed secret {SecretName}", name);
            var value = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = name }, ct);
            var feed = JsonSerializer.Deserialize<SupplierFeed>(value.SecretString)!;
            Log.Debug("Feed {SupplierId} uses login {Username} / {Password}", feed.SupplierId, feed.Username, feed.Password); // Noncompliant THC001
            feeds.Add(feed);
        }
        return feeds;
    }

    private async Task<List<PriceRow>> FetchAsync(SupplierFeed feed, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.FeedUrl);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{feed.Username}:{feed.Password}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var response = await _http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var raw = await response.Content.ReadAsStringAsync(ct);

        var key = $"raw/{feed.SupplierId}/{DateTime.UtcNow:yyyy/MM/dd/HHmm}.csv";
        await _archive.PutObjectAsync(new PutObjectRequest { BucketName = _config["Archive:Bucket"], Key = key, ContentBody = raw }, ct);
        Log.Information("Archived feed {SupplierId} to {ObjectKey}", feed.SupplierId, key);

        return raw.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(cols => new PriceRow(cols[0], decimal.Parse(cols[1], System.Globalization.CultureInfo.InvariantCulture), cols[2].Trim()))
            .ToList();
    }

    private async Task EnqueueAsync(SupplierFeed feed, List<PriceRow> rows, CancellationToken ct)
    {
        var queueUrl = _config["Pricing:RepriceQueueUrl"];
        foreach (var chunk in rows.Chunk(200))
        {
            var message = new { feed.SupplierId, Rows = chunk, CallbackKey = feed.ApiKey };
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = JsonSerializer.Serialize(message) }, ct); // Noncompliant THC009
        }
        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queueUrl + "-stats",
            MessageBody = JsonSerializer.Serialize(new { feed.SupplierId, SkuCount = rows.Count, At = DateTime.UtcNow }),
        }, ct);
        Log.Information("Enqueued {SkuCount} prices for {SupplierId}", rows.Count, feed.SupplierId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var feed in await LoadFeedsAsync(stoppingToken))
            {
                try
                {
                    var rows = await FetchAsync(feed, stoppingToken);
                    await EnqueueAsync(feed, rows, stoppingToken);
                }
                catch (HttpRequestException ex)
                {
                    Log.Warning("Feed {SupplierId} unavailable: {Status}", feed.SupplierId, ex.StatusCode);
                }
            }
            await Task.Delay(TimeSpan.FromMinutes(15), stoppingToken);
        }
    }
}
