using System.Security.Claims;
using System.Security.Cryptography;
using Amazon.S3;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonS3>();
builder.Services.AddSingleton<ShareTokenIssuer>();
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration["Auth:Authority"];
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = false, // Noncompliant THC006
            ValidateLifetime = false, // Noncompliant THC006
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

app.Use(async (ctx, next) =>
{
    var logger = ctx.RequestServices.GetRequiredService<ILogger<ShareTokenIssuer>>();
    logger.LogInformation("partner call {Path} auth={Auth}", ctx.Request.Path, ctx.Request.Headers.Authorization.ToString()); // Noncompliant THC001
    logger.LogInformation("partner call {Path} trace={TraceId}", ctx.Request.Path, ctx.TraceIdentifier);
    await next();
});

app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/share/session", (HttpContext ctx, ShareSessionRequest req, ShareTokenIssuer issuer) =>
{
    var partner = ctx.User.FindFirstValue("partner_id") ?? "unknown";
    var token = issuer.Issue(partner, req.DatasetId);
    var refresh = issuer.Issue(partner, "refresh");
    ctx.Response.Cookies.Append("share_session", token, new CookieOptions // Noncompliant THC007
    {
        Expires = DateTimeOffset.UtcNow.AddMinutes(15),
        Path = "/share",
    });
    ctx.Response.Cookies.Append("share_refresh", refresh, new CookieOptions
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/share/session",
        Expires = DateTimeOffset.UtcNow.AddHours(8),
    });
    return Results.Ok(new { req.DatasetId, expiresIn = 900 });
}).RequireAuthorization();

app.MapGet("/share/{datasetId}/manifest", async (string datasetId, IAmazonS3 s3) =>
{
    var obj = await s3.GetObjectMetadataAsync("acme-shared-datasets", $"{datasetId}/_manifest.json");
    return Results.Ok(new { datasetId, obj.ContentLength, obj.LastModified });
}).RequireAuthorization();

app.Run();

public record ShareSessionRequest(string DatasetId);

public class ShareTokenIssuer
{
    private readonly ILogger<ShareTokenIssuer> _logger;

    public ShareTokenIssuer(ILogger<ShareTokenIssuer> logger) => _logger = logger;

    public string Issue(string partnerId, string scope)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..12];
        _logger.LogInformation("issued share token for {Partner} scope={Scope} hash={Hash}", partnerId, scope, hash);
        return token;
    }
}
