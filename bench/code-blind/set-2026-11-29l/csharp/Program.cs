// Checkout API host (ASP.NET Core 8 minimal APIs).
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonDynamoDB>();
builder.Services.AddSingleton<IDynamoDBContext, DynamoDBContext>();
builder.Services.AddSingleton<SessionTokenIssuer>();

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration["Auth:Authority"];
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = builder.Configuration["Auth:Issuer"],
            ValidateAudience = true,
            ValidAudience = "checkout-api",
            ValidateLifetime = false, // Noncompliant THC006
            ValidateIssuerSigningKey = true,
        };
    });
builder.Services.AddAuthorization();
builder.Services.AddProblemDetails();

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler();
    app.UseHsts();
}

app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/session", (HttpContext ctx, SessionTokenIssuer issuer, ILogger<Program> logger) =>
{
    var customerId = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
    var token = issuer.Issue(customerId, TimeSpan.FromMinutes(30));
    var refresh = issuer.Issue(customerId, TimeSpan.FromDays(14));

    logger.LogInformation("Issued checkout session {SessionToken} for {CustomerId}", token, customerId); // Noncompliant THC001
    logger.LogInformation("Issued checkout session for {CustomerId} (token length {Length})", customerId, token.Length);

    ctx.Response.Cookies.Append("checkout_session", token, new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddMinutes(30) }); // Noncompliant THC007
    ctx.Response.Cookies.Append("checkout_refresh", refresh, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/session/refresh" });
    return Results.Ok(new { customerId });
}).RequireAuthorization();

app.MapGet("/orders/{orderId}", async (string orderId, ClaimsPrincipal user, IDynamoDBContext db, ILogger<Program> logger) =>
{
    var order = await db.LoadAsync<OrderRecord>(orderId);
    if (order is null || order.CustomerId != user.FindFirstValue(ClaimTypes.NameIdentifier))
    {
        return Results.NotFound();
    }
    logger.LogInformation("Order {OrderId} read by {CustomerId}", orderId, order.CustomerId);
    return Results.Ok(new { order.OrderId, order.Status, order.TotalMinor, order.Currency, order.PaymentMethodId });
}).RequireAuthorization();

app.Run();

[DynamoDBTable("orders")]
public class OrderRecord
{
    [DynamoDBHashKey] public string OrderId { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public string Status { get; set; } = "";
    public long TotalMinor { get; set; }
    public string Currency { get; set; } = "EUR";
    public string PaymentMethodId { get; set; } = "";
}

public sealed class SessionTokenIssuer
{
    private readonly byte[] _key;

    public SessionTokenIssuer(IConfiguration config)
    {
        _key = Convert.FromBase64String(config["Session:SigningKey"] ?? throw new InvalidOperationException("Session:SigningKey missing"));
    }

    public string Issue(string customerId, TimeSpan lifetime)
    {
        var expires = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
        var payload = $"{customerId}.{expires}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";
        using var hmac = new HMACSHA256(_key);
        var sig = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload)));
        return $"{payload}.{sig}";
    }
}
