using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Storefront.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddStorefrontAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication("Customers")
            .AddJwtBearer("Customers", options =>
            {
                options.Authority = config["Auth:Authority"];
                options.Audience = config["Auth:Audience"];
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            })
            .AddJwtBearer("Partners", options =>
            {
                options.Authority = config["Partners:Authority"];
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = config["Partners:Issuer"],
                    ValidateAudience = false, // Noncompliant THC006
                    RequireSignedTokens = false, // Noncompliant THC005
                    SignatureValidator = (token, parameters) => new JwtSecurityToken(token), // Noncompliant THC005
                };
            })
            .AddJwtBearer("Legacy", options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = "legacy-sso",
                    ValidAudience = "storefront",
                    IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(config["Legacy:SigningKey"] ?? string.Empty)),
                    LifetimeValidator = (notBefore, expires, token, parameters) => true, // Noncompliant THC006
                };
            });
        return services;
    }

    public static WebApplication UseStorefrontErrors(this WebApplication app)
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
        return app;
    }
}

public sealed class PartnerRoleReader(ILogger<PartnerRoleReader> logger)
{
    private readonly JwtSecurityTokenHandler _handler = new();

    public bool IsPartnerAdmin(string bearer)
    {
        var jwt = _handler.ReadJwtToken(bearer); // Noncompliant THC005
        return jwt.Claims.Any(c => c.Type == "role" && c.Value == "partner-admin");
    }

    public string? KeyId(string bearer, TokenValidationParameters parameters)
    {
        _handler.ValidateToken(bearer, parameters, out _);
        var jwt = _handler.ReadJwtToken(bearer);
        logger.LogDebug("Validated token kid={Kid} length={Length}", jwt.Header.Kid, bearer.Length);
        return jwt.Header.Kid;
    }
}
