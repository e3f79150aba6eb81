using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;
using NLog;

namespace Billing.Workers;

public sealed class InvoiceRequested
{
    public string InvoiceId { get; set; }
    public string CustomerId { get; set; }
    public bool Reconcile { get; set; }
}

public class InvoiceQueueWorker
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonStepFunctions _sfn;
    private readonly string _invoiceStateMachine = Environment.GetEnvironmentVariable("INVOICE_STATE_MACHINE_ARN");
    private readonly string _reconcileStateMachine = Environment.GetEnvironmentVariable("RECONCILE_STATE_MACHINE_ARN");
    private readonly string _erpSecretId = Environment.GetEnvironmentVariable("ERP_SECRET_ID") ?? "billing/erp-api";
    private string _erpApiKey;

    public InvoiceQueueWorker() : this(new AmazonSecretsManagerClient(), new AmazonStepFunctionsClient()) { }

    public InvoiceQueueWorker(IAmazonSecretsManager secrets, IAmazonStepFunctions sfn)
    {
        _secrets = secrets;
        _sfn = sfn;
    }

    private async Task<string> ErpApiKeyAsync()
    {
        if (_erpApiKey != null) return _erpApiKey;
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _erpSecretId });
        using var doc = JsonDocument.Parse(secret.SecretString);
        _erpApiKey = doc.RootElement.GetProperty("apiKey").GetString();
        Log.Info("Loaded ERP credentials from {SecretName} (version {VersionId})", secret.Name, secret.VersionId);
        return _erpApiKey;
    }

    public async Task<SQSBatchResponse> Handler(SQSEvent sqsEvent, ILambdaContext context)
    {
        Log.Debug("Received batch: {Batch}", JsonSerializer.Serialize(sqsEvent)); // Noncompliant THC002
        var failures = new List<SQSBatchResponse.BatchItemFailure>();

        foreach (var message in sqsEvent.Records)
        {
            try
            {
                var request = JsonSerializer.Deserialize<InvoiceRequested>(message.Body);
                if (request?.InvoiceId == null)
                {
                    Log.Warn("Skipping message {MessageId} without invoice id", message.MessageId);
                    continue;
                }

                var apiKey = await ErpApiKeyAsync();
                var input = JsonSerializer.Serialize(new { request.InvoiceId, request.CustomerId, erpApiKey = apiKey });
                await _sfn.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = _invoiceStateMachine, Name = $"invoice-{request.InvoiceId}", Input = input }); // Noncompliant THC009

                if (request.Reconcile)
                {
                    var reconcileInput = JsonSerializer.Serialize(new { request.InvoiceId, erpSecretId = _erpSecretId });
                    await _sfn.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = _reconcileStateMachine, Input = reconcileInput });
                }
                Log.Info("Started invoice workflow for {InvoiceId} (message {MessageId})", request.InvoiceId, message.MessageId);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "Failed to process message {MessageId}", message.MessageId);
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }

        return new SQSBatchResponse(failures);
    }
}
