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

    public InvoicesController(IInvoiceStore store) => _store = store;

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(string id)
    {
        try
        {
            return Ok(await _store.GetAsync(id));
        }
        catch (Exception ex)
        {
            return StatusCode(500, ex.ToString()); // Noncompliant
        }
    }

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] InvoiceRequest body)
    {
        try
        {
            return Ok(await _store.CreateAsync(body));
        }
        catch (InvalidOperationException ex)
        {
            return Problem(detail: ex.StackTrace, statusCode: 500); // Noncompliant
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
            return new APIGatewayProxyResponse
            {
                StatusCode = (int)HttpStatusCode.InternalServerError,
                Body = $"Error: {e}", // Noncompliant
            };
        }
    }
}
