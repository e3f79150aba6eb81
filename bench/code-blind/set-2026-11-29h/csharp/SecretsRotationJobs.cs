using System.Security.Cryptography;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using Hangfire;
using Hangfire.Dashboard;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHangfire(cfg => cfg.UseSqlServerStorage(builder.Configuration.GetConnectionString("Hangfire")));
builder.Services.AddHangfireServer();
builder.Services.AddAWSService<IAmazonSimpleNotificationService>();
builder.Services.AddSingleton<IAmazonSecretsManager>(_ =>
{
    var rotationUser = new BasicAWSCredentials("AKIAZ7FAKEG5F6D7S2A3", "Qm4FAKErotationUserSecretKey00000000000"); // Noncompliant THC008
    return new AmazonSecretsManagerClient(rotationUser, RegionEndpoint.EUCentral1);
});
builder.Services.AddTransient<RotationJobs>();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseHangfireDashboard("/jobs", new DashboardOptions { Authorization = new[] { new OpsDashboardAuthFilter() } });

RecurringJob.AddOrUpdate<RotationJobs>("rotate-reporting-db", j => j.RotateAsync("prod/reporting/db"), Cron.Daily(3));
RecurringJob.AddOrUpdate<RotationJobs>("rotate-partner-sftp", j => j.RotateAsync("prod/partner/sftp"), "0 4 * * 1");

app.MapGet("/healthz", () => Results.Ok(new { status = "ok", time = DateTimeOffset.UtcNow }));
app.Run();

public class RotationJobs
{
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSimpleNotificationService _sns;
    private readonly ILogger<RotationJobs> _logger;
    private readonly string _topicArn;

    public RotationJobs(IAmazonSecretsManager secrets, IAmazonSimpleNotificationService sns,
        ILogger<RotationJobs> logger, IConfiguration config)
    {
        _secrets = secrets;
        _sns = sns;
        _logger = logger;
        _topicArn = config["Rotation:NotifyTopicArn"]!;
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RotateAsync(string secretId)
    {
        var current = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        _logger.LogInformation("Rotating {SecretArn} from version {VersionId}", current.ARN, current.VersionId);

        var doc = JsonSerializer.Deserialize<Dictionary<string, string>>(current.SecretString)!;
        var newPassword = GeneratePassword();
        doc["password"] = newPassword;
        var serialized = JsonSerializer.Serialize(doc);

        var put = await _secrets.PutSecretValueAsync(new PutSecretValueRequest
        {
            SecretId = secretId,
            SecretString = serialized,
            VersionStages = new List<string> { "AWSPENDING" }
        });
        _logger.LogDebug("New secret material for {SecretId}: {SecretString}", secretId, serialized); // Noncompliant THC001

        var notice = new { secretId, versionId = put.VersionId, username = doc["username"], password = newPassword };
        await _sns.PublishAsync(new PublishRequest // Noncompliant THC009
        {
            TopicArn = _topicArn,
            Subject = $"Rotated {secretId}",
            Message = JsonSerializer.Serialize(notice)
        });

        _logger.LogInformation("Rotation staged for {SecretId}: version {VersionId}, password length {Length}",
            secretId, put.VersionId, newPassword.Length);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=');
}

public class OpsDashboardAuthFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole("platform-ops");
    }
}
