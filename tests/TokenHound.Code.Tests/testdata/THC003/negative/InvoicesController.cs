using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Microsoft.AspNetCore.Mvc;

namespace Billing;

[ApiController]
[Route("invoices")]
public class InvoicesController : ControllerBase
{
    private readonly IInvoiceStore _store;
    private readonly ILogger<InvoicesController> _logger;

    public InvoicesController(IInvoiceStore store, ILogger<InvoicesController> logger)
    {
        _store = store;
        _logger = logger;
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(string id)
    {
        try
        {
            return Ok(await _store.GetAsync(id));
        }
        catch (KeyNotFoundException ex)
        {
            _logger.LogWarning(ex, "invoice {Id} not found", id);
            return NotFound(new { message = ex.Message });
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "invoice {Id} failed", id);
            return StatusCode(500, new { message = "internal error", traceId = HttpContext.TraceIdentifier });
        }
    }
}

public class InvoiceFunction
{
    public APIGatewayProxyResponse Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        try
        {
            throw new NotImplementedException();
        }
        catch (Exception e)
        {
            context.Logger.LogError(e.ToString());
            return new APIGatewayProxyResponse
            {
                StatusCode = (int)HttpStatusCode.InternalServerError,
                Body = $"{{\"message\":\"internal error\",\"requestId\":\"{context.AwsRequestId}\"}}",
            };
        }
    }
}
