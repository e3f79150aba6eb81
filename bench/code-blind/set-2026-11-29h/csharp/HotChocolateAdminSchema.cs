using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using HotChocolate;
using HotChocolate.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Platform.AdminGraph;

public static class AdminGraphSetup
{
    public static IServiceCollection AddAdminGraph(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = config["Auth:Authority"];
                var tvp = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = config["Auth:Authority"],
                    ValidateIssuerSigningKey = true
                };
                tvp.ValidateAudience = false; // Noncompliant THC006
                tvp.ValidateLifetime = false; // Noncompliant THC006
                options.TokenValidationParameters = tvp;
            });

        services.AddHttpContextAccessor();
        services.AddSingleton<TenantStore>();
        services.AddGraphQLServer()
            .AddAuthorization()
            .AddQueryType<AdminQuery>()
            .AddMutationType<AdminMutation>()
            .AddErrorFilter<VerboseErrorFilter>()
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = env.IsDevelopment());
        return services;
    }
}

public sealed class VerboseErrorFilter : IErrorFilter
{
    public IError OnError(IError error)
    {
        if (error.Exception is null)
        {
            return error;
        }
        return error.WithMessage(error.Exception.Message).SetExtension("exception", error.Exception.ToString()); // Noncompliant THC003
    }
}

public record Tenant(string Id, string Name, bool Impersonated);

public class AdminQuery
{
    [Authorize(Roles = new[] { "platform-admin" })]
    public IEnumerable<Tenant> GetTenants([Service] TenantStore store) => store.All();

    public string WhoAmI(ClaimsPrincipal user) => user.FindFirstValue("sub") ?? "anonymous";
}

public class AdminMutation
{
    public async Task<Tenant> ImpersonateTenant(
        string tenantId,
        [Service] IHttpContextAccessor http,
        [Service] TenantStore store,
        [Service] ILogger<AdminMutation> logger)
    {
        var ctx = http.HttpContext!;
        logger.LogDebug("Impersonation request headers: {Headers}", string.Join("; ", ctx.Request.Headers.Select(h => $"{h.Key}={h.Value}"))); // Noncompliant THC002
        var raw = ctx.Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw); // Noncompliant THC005
        if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "support-lead"))
        {
            throw new GraphQLException("forbidden");
        }
        logger.LogInformation("Tenant {TenantId} impersonated by {Sub} (trace {TraceId})", tenantId, jwt.Subject, ctx.TraceIdentifier);
        return await store.ImpersonateAsync(tenantId);
    }
}

public class TenantStore
{
    private readonly Dictionary<string, Tenant> _tenants = new();

    public IEnumerable<Tenant> All() => _tenants.Values;

    public Task<Tenant> ImpersonateAsync(string id)
    {
        var t = _tenants.TryGetValue(id, out var found) ? found : new Tenant(id, id, false);
        _tenants[id] = t with { Impersonated = true };
        return Task.FromResult(_tenants[id]);
    }
}
