using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("api/tenants/{tenantId}/keys")]
public class KeysController : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Create(string tenantId)
    {
        // the controller's Request property is the incoming request: its Authorization header echoed back
        if (User.FindFirst("tenant_id")?.Value != tenantId)
        {
            return StatusCode(403, new { error = "token not valid for tenant", tenantId, token = Request.Headers.Authorization.ToString() }); // Noncompliant
        }

        await Task.CompletedTask;
        return Ok(new { created = true });
    }
}
