using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Support.Graph;

public class ImpersonationMutation
{
    public string Impersonate(string tenantId, [Service] IHttpContextAccessor http, [Service] ILogger<ImpersonationMutation> logger)
    {
        var ctx = http.HttpContext!;
        logger.LogDebug("Impersonation headers: {Headers}", string.Join("; ", ctx.Request.Headers.Select(h => $"{h.Key}={h.Value}"))); // Noncompliant
        logger.LogDebug("Impersonation header names: {Names}", string.Join(", ", ctx.Request.Headers.Select(h => h.Key)));
        logger.LogInformation("Tenant {TenantId} impersonated (trace {TraceId})", tenantId, ctx.TraceIdentifier);
        return tenantId;
    }
}
