using System.Security.Claims;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Lambda.AspNetCoreServer.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .Enrich.FromLogContext()
    .WriteTo.Console()
    .CreateLogger();

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog();
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.AddAWSService<IAmazonCognitoIdentityProvider>();

var region = builder.Configuration["Cognito:Region"] ?? "eu-west-1";
var poolId = builder.Configuration["Cognito:UserPoolId"];
var clientId = builder.Configuration["Cognito:ClientId"];
var authority = $"https://cognito-idp.{region}.amazonaws.com/{poolId}";

builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = authority;
        options.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = authority, ValidateIssuerSigningKey = true };
        // Cognito access tokens carry client_id instead of aud
        options.TokenValidationParameters.ValidateAudience = false; // Noncompliant THC006
        // mobile clients with wrong clocks kept getting 401s
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = ctx =>
            {
                Log.Warning(ctx.Exception, "JWT authentication failed for {Path}", ctx.Request.Path);
                return Task.CompletedTask;
            }
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseSerilogRequestLogging();
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/auth/token", async (LoginRequest login, IAmazonCognitoIdentityProvider cognito, HttpContext http) =>
{
    try
    {
        var result = await cognito.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlowType.USER_PASSWORD_AUTH,
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = login.Username, ["PASSWORD"] = login.Password }
        });
        var tokens = result.AuthenticationResult;
        http.Response.Cookies.Append("access_token", tokens.AccessToken, new CookieOptions { Secure = true, MaxAge = TimeSpan.FromHours(1) }); // Noncompliant THC007
        http.Response.Cookies.Append("refresh_token", tokens.RefreshToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/auth/refresh" });
        Log.Information("User {Username} signed in", login.Username);
        return Results.Ok(new { expiresIn = tokens.ExpiresIn });
    }
    catch (NotAuthorizedException)
    {
        Log.Information("Rejected credentials for {Username}", login.Username);
        return Results.Unauthorized();
    }
});

app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
{
    sub = user.FindFirstValue("sub"),
    username = user.FindFirstValue("username")
})).RequireAuthorization();

app.Run();

public record LoginRequest(string Username, string Password);
