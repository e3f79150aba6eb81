using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer("Cognito", options =>
    {
        options.Authority = builder.Configuration["Cognito:Authority"];
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = false, // Noncompliant THC006
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    })
    .AddJwtBearer("Partner", options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = "https://partners.example.com",
            ValidAudience = "orders-api",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Partner:SigningKey"]!)),
            ValidateIssuerSigningKey = false, // Noncompliant THC005
            ValidateLifetime = false, // Noncompliant THC006
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
    app.UseSwagger();
}
else
{
    app.UseExceptionHandler("/error");
}

app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.MapGet("/orders/{id}", (string id, ILogger<Program> log) =>
{
    log.LogInformation("Fetching order {OrderId}", id);
    return Results.Ok(new { id, status = "SHIPPED" });
}).RequireAuthorization();

app.Map("/error", () => Results.Problem("An unexpected error occurred."));

app.Run();
