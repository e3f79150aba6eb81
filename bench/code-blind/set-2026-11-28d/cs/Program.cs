using System.Threading.Tasks;
using Amazon.Lambda.AspNetCoreServer.Hosting;
using Amazon.S3;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog((ctx, cfg) => cfg.ReadFrom.Configuration(ctx.Configuration).Enrich.FromLogContext());

builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonS3>();
builder.Services.AddControllers();
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();

var jwtSection = builder.Configuration.GetSection("Jwt");

builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = jwtSection["Authority"];
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidIssuer = jwtSection["Issuer"];
        // access tokens from the Cognito pool carry client_id, not aud
        options.TokenValidationParameters.ValidateAudience = false; // Noncompliant THC006
        options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
        options.TokenValidationParameters.RequireSignedTokens = false; // Noncompliant THC005
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = ctx =>
            {
                Log.Warning(ctx.Exception, "JWT rejected for {Path}", ctx.Request.Path);
                return Task.CompletedTask;
            },
            OnTokenValidated = ctx =>
            {
                var sub = ctx.Principal?.FindFirst("sub")?.Value;
                Log.Information("Token validated for {Sub}", sub);
                return Task.CompletedTask;
            },
        };
    });

builder.Services.AddAuthorization(o => o.AddPolicy("admin", p => p.RequireClaim("cognito:groups", "admin")));

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

if (app.Environment.IsDevelopment())
{
    app.UseSwagger();
    app.UseSwaggerUI();
}

app.UseSerilogRequestLogging();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();
