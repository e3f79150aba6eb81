using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using NLog;

public class InvoiceQueueWorker
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public async Task<SQSBatchResponse> Handler(SQSEvent sqsEvent, ILambdaContext context)
    {
        Log.Debug("Received batch: {Batch}", JsonSerializer.Serialize(sqsEvent)); // Noncompliant
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in sqsEvent.Records)
        {
            Log.Info("Processing {MessageId}", message.MessageId);
        }

        await Task.CompletedTask;
        return new SQSBatchResponse(failures);
    }
}
