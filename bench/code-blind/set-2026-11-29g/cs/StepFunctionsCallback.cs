using System.Text.Json;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;
using AWS.Lambda.Powertools.Logging;

namespace Billing.Workflows;

public record ExportJob(string TaskToken, string CustomerId, string Period);

// SQS-triggered worker for the "WaitForLedgerExport" .waitForTaskToken state.
public class StepFunctionsCallback
{
    private static readonly string SecretId = Environment.GetEnvironmentVariable("LEDGER_SECRET_ID") ?? "billing/ledger-api";
    private static readonly string ReconcileArn = Environment.GetEnvironmentVariable("RECONCILE_STATE_MACHINE_ARN") ?? "";

    private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
    private readonly IAmazonStepFunctions _sfn = new AmazonStepFunctionsClient();
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("LEDGER_API") ?? "https://ledger.example.com"),
    };

    [Logging(LogEvent = false, LoggerOutputCase = LoggerOutputCase.CamelCase)]
    public async Task FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
    {
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = SecretId });
        var ledger = JsonSerializer.Deserialize<Dictionary<string, string>>(secret.SecretString)!;
        Logger.LogInformation("Loaded ledger credentials {Credentials}", ledger); // Noncompliant THC001

        foreach (var record in sqsEvent.Records)
        {
            var job = JsonSerializer.Deserialize<ExportJob>(record.Body)!;
            Logger.LogInformation("Processing export for {CustomerId} period {Period}, message {MessageId}", job.CustomerId, job.Period, record.MessageId);
            try
            {
                using var req = new HttpRequestMessage(HttpMethod.Post, $"/v1/exports/{job.CustomerId}?period={job.Period}");
                req.Headers.Add("X-Api-Key", ledger["apiKey"]);
                using var resp = await _http.SendAsync(req);
                resp.EnsureSuccessStatusCode();
                var exportId = await resp.Content.ReadAsStringAsync();

                var output = JsonSerializer.Serialize(new { exportId, customerId = job.CustomerId, ledgerApiKey = ledger["apiKey"] });
                await _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = job.TaskToken, Output = output }); // Noncompliant THC009

                await _sfn.StartExecutionAsync(new StartExecutionRequest // Noncompliant THC009
                {
                    StateMachineArn = ReconcileArn,
                    Name = $"reconcile-{job.CustomerId}-{job.Period}",
                    Input = JsonSerializer.Serialize(new { job.CustomerId, job.Period, exportId, ledgerClientSecret = ledger["clientSecret"] }),
                });
                Logger.LogInformation("Export {ExportId} done, reconcile started for {CustomerId}", exportId, job.CustomerId);
            }
            catch (HttpRequestException ex)
            {
                Logger.LogError(ex, "Ledger export failed for {CustomerId}", job.CustomerId);
                await _sfn.SendTaskFailureAsync(new SendTaskFailureRequest
                {
                    TaskToken = job.TaskToken,
                    Error = "LedgerUnavailable",
                    Cause = "ledger export failed, see worker logs",
                });
            }
        }
    }
}
