using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Partner.Gateway;

public static class JwtSetup
{
    private const string CognitoAuthority = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";

    public static IServiceCollection AddGatewayAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.Authority = CognitoAuthority;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = CognitoAuthority,
                    ValidateAudience = true,
                    ValidAudience = config["Auth:ClientId"],
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            })
            .AddJwtBearer("PartnerHmac", options =>
            {
                var key = Encoding.UTF8.GetBytes(config["Partner:SigningKey"] ?? string.Empty);
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new SymmetricSecurityKey(key),
                    ValidateIssuer = true,
                    ValidIssuer = "partner-hub",
                    ValidateAudience = false, // Noncompliant THC006
                    ValidateLifetime = false, // Noncompliant THC006
                    RequireSignedTokens = false, // Noncompliant THC005
                };
            });
        return services;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static string[] ParseScopes(string? scopeClaim) =>
        string.IsNullOrWhiteSpace(scopeClaim)
            ? Array.Empty<string>()
            : scopeClaim.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
