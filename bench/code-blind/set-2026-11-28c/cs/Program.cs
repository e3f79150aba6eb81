using System.Security.Claims;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.Lambda.AspNetCoreServer.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonDynamoDB>();
builder.Services.AddScoped<IDynamoDBContext, DynamoDBContext>();

var region = builder.Configuration["Cognito:Region"];
var poolId = builder.Configuration["Cognito:UserPoolId"];
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = $"https://cognito-idp.{region}.amazonaws.com/{poolId}";
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            ValidateAudience = false, // Noncompliant THC006
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

var orders = app.MapGroup("/orders").RequireAuthorization().AddEndpointFilter(async (ctx, next) =>
{
    var http = ctx.HttpContext;
    var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orders");
    log.LogInformation("Orders call {Method} {Path} trace={TraceId}", http.Request.Method, http.Request.Path, http.TraceIdentifier);
    var callerAuth = http.Request.Headers.Authorization.ToString();
    log.LogDebug("Caller credentials: {Authorization}", callerAuth); // Noncompliant THC001
    try
    {
        return await next(ctx);
    }
    catch (Exception ex) when (http.Request.Query.ContainsKey("diag"))
    {
        return Results.Problem(detail: ex.ToString(), statusCode: 500, title: "Order processing failed"); // Noncompliant THC003
    }
    catch (Exception ex)
    {
        log.LogError(ex, "Order call failed trace={TraceId}", http.TraceIdentifier);
        return Results.Problem(title: "Internal error", statusCode: 500,
            extensions: new Dictionary<string, object?> { ["correlationId"] = http.TraceIdentifier });
    }
});

orders.MapGet("/{id}", async (string id, IDynamoDBContext db, ClaimsPrincipal user) =>
{
    var order = await db.LoadAsync<Order>(id);
    return order is null || order.CustomerId != user.FindFirstValue("sub")
        ? Results.NotFound()
        : Results.Ok(order);
});

orders.MapPost("/", async (Order order, IDynamoDBContext db, ClaimsPrincipal user, HttpContext http) =>
{
    order.Id = Guid.NewGuid().ToString("N");
    order.CustomerId = user.FindFirstValue("sub")!;
    order.CreatedAt = DateTime.UtcNow;
    await db.SaveAsync(order);
    http.Response.Cookies.Append("last_order", order.Id,
        new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
    return Results.Created($"/orders/{order.Id}", order);
});

app.Run();

[DynamoDBTable("orders")]
public class Order
{
    [DynamoDBHashKey] public string Id { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public decimal Total { get; set; }
    public DateTime CreatedAt { get; set; }
}
