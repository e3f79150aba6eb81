using System.Text.Json;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NLog;

namespace Payments.Api.Controllers;

public record CaptureRequest(decimal Amount, string Currency);

[ApiController]
[Route("api/payments")]
[TypeFilter(typeof(PaymentExceptionFilter))]
public class PaymentsController(IAmazonSecretsManager secrets, IAmazonSQS sqs, IConfiguration config) : ControllerBase
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly string _queueUrl = config["Payments:QueueUrl"] ?? throw new InvalidOperationException("queue url missing");

    private static string Mask(string value) => value.Length <= 4 ? "****" : new string('*', value.Length - 4) + value[^4..];

    [HttpPost("{id}/capture")]
    public async Task<IActionResult> Capture(string id, [FromBody] CaptureRequest body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id) || body.Amount <= 0) return BadRequest(new { message = "invalid capture" });

        var secret = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "payments/gateway" }, ct);
        var gatewayKey = secret.SecretString;
        Log.Debug("Using gateway key {0}", gatewayKey); // Noncompliant THC001
        Log.Info("Gateway key loaded ({0} chars, {1})", gatewayKey.Length, Mask(gatewayKey));

        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = $"{{\"payment\":\"{id}\",\"gatewayKey\":\"{gatewayKey}\"}}" }, ct); // Noncompliant THC009
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = JsonSerializer.Serialize(new { payment = id, amount = body.Amount, currency = body.Currency }) }, ct);
        Log.Info("Capture queued for {0} (request {1})", id, HttpContext.TraceIdentifier);
        return Accepted();
    }

    [HttpGet]
    public IActionResult List([FromQuery] string? nextToken)
    {
        Log.Info("Listing payments page {0}", nextToken ?? "<first>");
        return Ok(new { items = Array.Empty<object>(), nextToken = (string?)null });
    }
}

public sealed class PaymentExceptionFilter : IExceptionFilter
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public void OnException(ExceptionContext context)
    {
        var req = context.HttpContext.Request;
        Log.Error(context.Exception, "Payment request failed on {0}", req.Path);
        context.Result = new ObjectResult(new { error = context.Exception.Message, path = req.Path.Value, headers = req.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()) }) { StatusCode = 500 }; // Noncompliant THC003
        context.ExceptionHandled = true;
    }
}
