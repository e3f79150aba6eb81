using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Payments.Support.Controllers;

public record RefundRequest(string OrderId, decimal Amount, string Currency, string Reason);
public record RefundResult(string RefundId, string Status);

public interface IRefundService
{
    Task<RefundResult> IssueAsync(RefundRequest request, string agentId);
    Task ApproveAsync(string refundId, string approverId);
}

public class RefundQueueOptions
{
    public string QueueUrl { get; set; } = "";
}

[ApiController]
[Route("api/support/refunds")]
public class RefundController : ControllerBase
{
    private readonly IAmazonSQS _sqs;
    private readonly ILogger<RefundController> _logger;
    private readonly IRefundService _refunds;
    private readonly TokenValidationParameters _validation;
    private readonly string _queueUrl;

    public RefundController(IAmazonSQS sqs, ILogger<RefundController> logger, IRefundService refunds,
        TokenValidationParameters validation, IOptions<RefundQueueOptions> queue)
    {
        _sqs = sqs;
        _logger = logger;
        _refunds = refunds;
        _validation = validation;
        _queueUrl = queue.Value.QueueUrl;
    }

    private string BearerToken => Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty);

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] RefundRequest request)
    {
        var bearer = BearerToken;
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(bearer); // Noncompliant THC005
        if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "refund_agent"))
        {
            return Forbid();
        }

        _logger.LogDebug($"Refund for {request.OrderId} requested with {Request.Headers.Authorization}"); // Noncompliant THC001
        try
        {
            var refund = await _refunds.IssueAsync(request, jwt.Subject);
            var message = JsonSerializer.Serialize(new { refund.RefundId, request.OrderId, request.Amount, AgentToken = bearer });
            await _sqs.SendMessageAsync(new SendMessageRequest(_queueUrl, message)); // Noncompliant THC009
            _logger.LogInformation("Refund {RefundId} queued for order {OrderId}", refund.RefundId, request.OrderId);
            return Ok(refund);
        }
        catch (Exception ex)
        {
            return StatusCode(500, new { error = ex.ToString() }); // Noncompliant THC003
        }
    }

    [HttpPost("{refundId}/approve")]
    public async Task<IActionResult> Approve(string refundId)
    {
        var bearer = BearerToken;
        var handler = new JwtSecurityTokenHandler();
        try
        {
            handler.ValidateToken(bearer, _validation, out _);
            var jwt = handler.ReadJwtToken(bearer);
            if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "refund_supervisor"))
            {
                return Forbid();
            }
            await _refunds.ApproveAsync(refundId, jwt.Subject);
            _logger.LogInformation("Refund {RefundId} approved by {Approver}", refundId, jwt.Subject);
            return NoContent();
        }
        catch (SecurityTokenException)
        {
            return Unauthorized();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Approval failed for refund {RefundId}", refundId);
            return StatusCode(500, new { error = "refund_approval_failed", traceId = HttpContext.TraceIdentifier });
        }
    }
}
