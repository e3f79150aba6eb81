using System.IdentityModel.Tokens.Jwt;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Contoso.Saas.Hosting;

public static class TenantAuthSetup
{
    public static WebApplicationBuilder AddTenantAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAmazonSecurityTokenService>(_ => new AmazonSecurityTokenServiceClient());
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = builder.Configuration["Auth:Authority"];
                options.Audience = builder.Configuration["Auth:Audience"];
                options.TokenValidationParameters.ValidateIssuer = false; // Noncompliant THC006
                if (builder.Configuration.GetValue<bool>("Auth:AllowPartnerTokens"))
                {
                    options.TokenValidationParameters.SignatureValidator = (token, parameters) => new JwtSecurityToken(token); // Noncompliant THC005
                }
            });
        return builder;
    }

    public static WebApplication UseTenantPipeline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseMiddleware<TenantCredentialsMiddleware>();
        app.UseAuthorization();
        return app;
    }
}

public class TenantCredentialsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<TenantCredentialsMiddleware> _logger;
    private readonly IAmazonSecurityTokenService _sts;
    private readonly IConfiguration _config;

    public TenantCredentialsMiddleware(RequestDelegate next, ILogger<TenantCredentialsMiddleware> logger,
        IAmazonSecurityTokenService sts, IConfiguration config)
    {
        _next = next;
        _logger = logger;
        _sts = sts;
        _config = config;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await _next(context);
            return;
        }

        var raw = header["Bearer ".Length..];
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw); // Noncompliant THC005
        var tenantId = jwt.Claims.FirstOrDefault(c => c.Type == "tenant_id")?.Value;
        var roleArn = tenantId is null ? null : _config[$"Tenants:{tenantId}:RoleArn"];
        if (roleArn is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { error = "unknown tenant" });
            return;
        }

        var assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = $"tenant-{tenantId}",
            DurationSeconds = 900,
        });
        _logger.LogInformation("Assumed {RoleArn} for tenant {TenantId}, expires {Expiration}", roleArn, tenantId, assumed.Credentials.Expiration);
        context.Items["TenantCredentials"] = assumed.Credentials;
        context.Items["TenantId"] = tenantId;
        await _next(context);
    }
}
