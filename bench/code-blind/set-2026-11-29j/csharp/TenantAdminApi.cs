using System.Diagnostics;
using System.Security.Claims;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient());
builder.Services.AddSingleton<ITenantStore, DynamoTenantStore>();
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration["Auth:Authority"];
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = false; // Noncompliant THC006
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
        options.TokenValidationParameters.NameClaimType = "sub";
    });
builder.Services.AddAuthorization(o => o.AddPolicy("TenantAdmin", p => p.RequireClaim("tenant_role", "admin")));

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/tenants", async (CreateTenant request, ITenantStore store, HttpContext http, ILogger<Program> logger) =>
{
    try
    {
        var tenant = await store.CreateAsync(request.Name, request.OwnerEmail);
        logger.LogInformation("Tenant {TenantId} created, plan {Plan}", tenant.Id, tenant.Plan);
        http.Response.Cookies.Append("active_tenant", tenant.Id, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
        return Results.Created($"/tenants/{tenant.Id}", tenant);
    }
    catch (Exception ex)
    {
        logger.LogError(ex, "Tenant creation failed for {Name}", request.Name);
        return Results.Problem(detail: ex.ToString(), statusCode: StatusCodes.Status500InternalServerError); // Noncompliant THC003
    }
});

app.MapGet("/tenants/{tenantId}", async (string tenantId, ITenantStore store, HttpContext http, ILogger<Program> logger) =>
{
    try
    {
        var tenant = await store.GetAsync(tenantId);
        return tenant is null ? Results.NotFound() : Results.Ok(tenant);
    }
    catch (Exception ex)
    {
        var correlationId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        logger.LogError(ex, "Tenant lookup failed, correlation {CorrelationId}", correlationId);
        return Results.Problem(title: "Unexpected error", statusCode: 500, extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
    }
}).RequireAuthorization();

app.MapPut("/tenants/{tenantId}/flags/{flag}", async (string tenantId, string flag, FlagUpdate update, ITenantStore store, ClaimsPrincipal user, ILogger<Program> logger) =>
{
    await store.SetFlagAsync(tenantId, flag, update.Enabled);
    logger.LogInformation("Flag {Flag}={Enabled} for tenant {TenantId} by {User}", flag, update.Enabled, tenantId, user.FindFirstValue("sub"));
    return Results.NoContent();
}).RequireAuthorization("TenantAdmin");

app.Run();

public record CreateTenant(string Name, string OwnerEmail);
public record FlagUpdate(bool Enabled);
public record Tenant(string Id, string Name, string OwnerEmail, string Plan);

public interface ITenantStore
{
    Task<Tenant> CreateAsync(string name, string ownerEmail);
    Task<Tenant?> GetAsync(string tenantId);
    Task SetFlagAsync(string tenantId, string flag, bool enabled);
}

public sealed class DynamoTenantStore(IAmazonDynamoDB ddb) : ITenantStore
{
    private const string Table = "tenants";

    public async Task<Tenant> CreateAsync(string name, string ownerEmail)
    {
        var tenant = new Tenant(Guid.NewGuid().ToString("N"), name, ownerEmail, "trial");
        await ddb.PutItemAsync(new PutItemRequest
        {
            TableName = Table,
            Item = new() { ["pk"] = new(tenant.Id), ["name"] = new(name), ["owner"] = new(ownerEmail), ["plan"] = new(tenant.Plan) },
            ConditionExpression = "attribute_not_exists(pk)",
        });
        return tenant;
    }

    public async Task<Tenant?> GetAsync(string tenantId)
    {
        var res = await ddb.GetItemAsync(Table, new() { ["pk"] = new(tenantId) });
        return res.IsItemSet ? new Tenant(tenantId, res.Item["name"].S, res.Item["owner"].S, res.Item["plan"].S) : null;
    }

    public Task SetFlagAsync(string tenantId, string flag, bool enabled) =>
        ddb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = new() { ["pk"] = new(tenantId) },
            UpdateExpression = "SET flags.#f = :v",
            ExpressionAttributeNames = new() { ["#f"] = flag },
            ExpressionAttributeValues = new() { [":v"] = new AttributeValue { BOOL = enabled } },
        });
}
