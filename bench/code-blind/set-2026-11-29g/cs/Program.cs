using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Lambda.AspNetCoreServer.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// Mobile BFF: ASP.NET Core minimal API hosted on Lambda (HTTP API).
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.AddAWSService<IAmazonCognitoIdentityProvider>();
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();

var authority = builder.Configuration["Cognito:Authority"];
var clientId = builder.Configuration["Cognito:ClientId"];

builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateIssuerSigningKey = true,
            ValidAudience = clientId,
        };
        // mobile clients with skewed clocks kept getting 401s right after a background refresh
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
    });
builder.Services.AddAuthorization();

var app = builder.Build();

if (!app.Environment.IsProduction())
{
    app.UseSwagger();
    app.UseSwaggerUI();
}

app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/auth/login", async (LoginRequest req, IAmazonCognitoIdentityProvider cognito, ILogger<Program> logger, HttpContext ctx) =>
{
    InitiateAuthResponse response;
    try
    {
        response = await cognito.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlowType.USER_PASSWORD_AUTH,
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string>
            {
                ["USERNAME"] = req.Username,
                ["PASSWORD"] = req.Password,
            },
        });
    }
    catch (NotAuthorizedException)
    {
        logger.LogInformation("Login rejected for {User}", req.Username);
        return Results.Unauthorized();
    }

    var result = response.AuthenticationResult;
    logger.LogInformation("Login for {User} succeeded, access token {AccessToken}", req.Username, result.AccessToken); // Noncompliant THC001
    ctx.Response.Cookies.Append("refresh_token", result.RefreshToken); // Noncompliant THC007
    ctx.Response.Cookies.Append("id_token", result.IdToken, new CookieOptions
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Expires = DateTimeOffset.UtcNow.AddSeconds(result.ExpiresIn),
    });
    return Results.Ok(new { expiresIn = result.ExpiresIn });
});

app.MapGet("/me", (HttpContext ctx, ILogger<Program> logger) =>
{
    var sub = ctx.User.FindFirst("sub")?.Value;
    logger.LogInformation("Profile requested by {Sub}", sub);
    return Results.Ok(new { sub, email = ctx.User.FindFirst("email")?.Value });
}).RequireAuthorization();

app.Run();

record LoginRequest(string Username, string Password);
