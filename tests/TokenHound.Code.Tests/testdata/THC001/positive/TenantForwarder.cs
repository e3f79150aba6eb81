using Microsoft.Extensions.Logging;

namespace Partners;

// The logger field has no "log" in its name; LogDebug still writes the key to the log.
public sealed class TenantForwarder
{
    private readonly ILogger<TenantForwarder> _trail;

    public TenantForwarder(ILogger<TenantForwarder> trail) => _trail = trail;

    public void Forward(string tenant, string apiKey)
    {
        _trail.LogDebug("Tenant {Tenant} used key {ApiKey}", tenant, apiKey); // Noncompliant
        _trail.LogInformation("Tenant {Tenant} forwarded, key length {Length}", tenant, apiKey.Length);
    }
}
