using System.Security.Claims;
using Amazon.DynamoDBv2;
using Amazon.Lambda.AspNetCoreServer.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.AddAWSService<IAmazonDynamoDB>();

var region = builder.Configuration["Cognito:Region"];
var poolId = builder.Configuration["Cognito:UserPoolId"];
var authority = $"https://cognito-idp.{region}.amazonaws.com/{poolId}";

builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = authority,
            ValidateAudience = false, // Noncompliant THC006
            ValidateLifetime = false, // Noncompliant THC006
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = ctx =>
            {
                var log = ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Auth");
                log.LogDebug("Bearer received: {Header}", ctx.Request.Headers.Authorization.ToString()); // Noncompliant THC001
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = ctx =>
            {
                var log = ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Auth");
                log.LogWarning("JWT rejected: {Reason} trace={TraceId}", ctx.Exception.GetType().Name, ctx.HttpContext.TraceIdentifier);
                return Task.CompletedTask;
            },
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/error");
}

app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/error", (HttpContext ctx) =>
    Results.Problem(title: "Unexpected error", extensions: new Dictionary<string, object?> { ["traceId"] = ctx.TraceIdentifier }));

app.MapPost("/session", (HttpContext ctx, SessionRequest body, ILogger<Program> logger) =>
{
    ctx.Response.Cookies.Append("refresh_token", body.RefreshToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/session" });
    ctx.Response.Cookies.Append("id_token", body.IdToken, new CookieOptions { Secure = true, Expires = DateTimeOffset.UtcNow.AddHours(1) }); // Noncompliant THC007
    logger.LogInformation("Session cookies set for {TraceId}, id token length {Length}", ctx.TraceIdentifier, body.IdToken.Length);
    return Results.NoContent();
});

app.MapGet("/me", (ClaimsPrincipal user) =>
    Results.Ok(new { sub = user.FindFirstValue("sub"), email = user.FindFirstValue("email") }))
    .RequireAuthorization();

app.Run();

record SessionRequest(string IdToken, string RefreshToken);
