using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telco.Provisioning.Api
{
    public sealed class CarrierOptions
    {
        public string ActivationQueueUrl { get; set; } = "";
        public string HlrApiKey { get; set; } = "";
    }

    public sealed record ActivationRequest(string Iccid, string Msisdn, string PlanCode);

    // Returns exception details to the dealer portal so support can diagnose failed activations.
    public sealed class ActivationErrorFilter : IExceptionFilter
    {
        public void OnException(ExceptionContext context)
        {
            context.Result = new ObjectResult(new { error = context.Exception.Message, stack = context.Exception.StackTrace }) { StatusCode = 500 }; // Noncompliant THC003
            context.ExceptionHandled = true;
        }
    }

    [ApiController]
    [Route("api/sim")]
    [TypeFilter(typeof(ActivationErrorFilter))]
    public class SimActivationController : ControllerBase
    {
        private readonly IAmazonSQS _sqs;
        private readonly ILogger<SimActivationController> _logger;
        private readonly CarrierOptions _options;
        private readonly string _hlrApiKey;

        public SimActivationController(IAmazonSQS sqs, IOptions<CarrierOptions> options, ILogger<SimActivationController> logger)
        {
            _sqs = sqs;
            _logger = logger;
            _options = options.Value;
            _hlrApiKey = _options.HlrApiKey;
        }

        private static string? BearerToken(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : null;
        }

        [HttpPost("activate")]
        public async Task<IActionResult> Activate([FromBody] ActivationRequest body)
        {
            var token = BearerToken(Request);
            if (token is null) return Unauthorized();

            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token); // Noncompliant THC005
            var dealerRole = jwt.Claims.FirstOrDefault(c => c.Type == "custom:dealer_role")?.Value;
            if (dealerRole != "activator" && dealerRole != "admin") return Forbid();

            _logger.LogInformation("Activation requested for ICCID {Iccid} plan {Plan}", body.Iccid, body.PlanCode);

            var message = new
            {
                body.Iccid,
                body.Msisdn,
                body.PlanCode,
                dealerId = jwt.Subject,
                hlrApiKey = _hlrApiKey,
            };
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _options.ActivationQueueUrl, MessageBody = JsonSerializer.Serialize(message) }); // Noncompliant THC009

            return Accepted(new { body.Iccid, status = "QUEUED" });
        }

        [HttpPost("{iccid}/suspend")]
        public async Task<IActionResult> Suspend(string iccid)
        {
            try
            {
                var payload = JsonSerializer.Serialize(new { iccid, action = "SUSPEND", requestedAt = DateTime.UtcNow });
                await _sqs.SendMessageAsync(_options.ActivationQueueUrl, payload);
                _logger.LogInformation("Suspend queued for {Iccid}", iccid);
                return Accepted();
            }
            catch (AmazonSQSException ex)
            {
                _logger.LogWarning("Queue rejected suspend for {Iccid}: {Code}; HLR key in use " + _hlrApiKey, iccid, ex.ErrorCode); // Noncompliant THC001
                return Problem(title: "Suspend could not be queued", statusCode: 503, detail: $"traceId {HttpContext.TraceIdentifier}");
            }
        }
    }
}
