// Real-time eligibility (270/271) minimal API for the pharmacy benefit integration.
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var cfg = builder.Configuration;

// The legacy SFTP bridge library only reads credentials from the environment.
Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", cfg["Bridge:AccessKeyId"]); // Noncompliant THC008
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", cfg["Bridge:SecretAccessKey"]); // Noncompliant THC008
Environment.SetEnvironmentVariable("AWS_REGION", cfg["Bridge:Region"] ?? "us-east-1");

builder.Services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client());
builder.Services.AddHttpClient("pbm", c => c.BaseAddress = new Uri(cfg["Pbm:BaseUrl"] ?? "https://pbm.example-rx.com/"));
builder.Services.AddHttpClient("clearinghouse", c =>
{
    c.BaseAddress = new Uri("https://edi.clearinghouse.example.net/");
    var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cfg["Clearinghouse:User"]}:{cfg["Clearinghouse:Password"]}"));
    c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
});

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    o.Authority = cfg["Oidc:Authority"];
    o.Audience = cfg["Oidc:Audience"];
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
    };
});
builder.Services.AddAuthentication().AddJwtBearer("PharmacyPartner", o =>
{
    o.Audience = "eligibility-partner";
    o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = cfg["Partner:Issuer"] };
    o.TokenValidationParameters.SignatureValidator = (token, parameters) => new JwtSecurityToken(token); // Noncompliant THC005
});
builder.Services.AddAuthorization(o => o.AddPolicy("PharmacyPartner", p => p.AddAuthenticationSchemes("PharmacyPartner").RequireAuthenticatedUser()));

var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/eligibility/{memberId}", async (string memberId, HttpContext http, IHttpClientFactory factory, ILogger<Program> log) =>
{
    var correlationId = Guid.NewGuid().ToString("N");
    var pbmKey = cfg["Pbm:ApiKey"];
    try
    {
        var client = factory.CreateClient("pbm");
        var response = await client.GetAsync($"v1/members/{Uri.EscapeDataString(memberId)}/coverage?api_key={pbmKey}"); // Noncompliant THC009
        response.EnsureSuccessStatusCode();
        log.LogInformation("Coverage returned for member {MemberId} ({Correlation})", memberId, correlationId);
        return Results.Content(await response.Content.ReadAsStringAsync(), "application/json");
    }
    catch (HttpRequestException ex)
    {
        log.LogWarning(ex, "PBM unavailable ({Correlation})", correlationId);
        return Results.Problem(title: "Coverage service unavailable", statusCode: 502, extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
    }
}).RequireAuthorization();

app.MapPost("/eligibility/batch", async (HttpRequest req, IHttpClientFactory factory, IAmazonS3 s3) =>
{
    var auth = req.Headers.Authorization.ToString();
    try
    {
        var edi = await new StreamReader(req.Body).ReadToEndAsync();
        var client = factory.CreateClient("clearinghouse");
        var result = await client.PostAsync("x12/270", new StringContent(edi, Encoding.ASCII, "application/edi-x12"));
        var key = $"batches/{DateTime.UtcNow:yyyyMMddHHmmss}.x12";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = cfg["Archive:Bucket"], Key = key, ContentBody = edi });
        return Results.Accepted(value: new { key, status = (int)result.StatusCode });
    }
    catch (Exception ex)
    {
        return Results.Json(new { error = ex.Message, receivedAuthorization = auth }, statusCode: 500); // Noncompliant THC003
    }
}).RequireAuthorization("PharmacyPartner");

app.Run();
