using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("api/tenants/{tenantId}/keys")]
public class KeysController : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Create(string tenantId)
    {
        if (User.FindFirst("tenant_id")?.Value != tenantId)
        {
            return StatusCode(403, new { error = "token not valid for tenant", tenantId, traceId = HttpContext.TraceIdentifier });
        }

        await Task.CompletedTask;
        return Ok(new { created = true });
    }
}
