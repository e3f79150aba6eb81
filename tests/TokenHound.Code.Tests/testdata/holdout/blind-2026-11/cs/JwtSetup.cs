using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api;

public static class JwtSetup
{
    public static void AddOrdersAuth(this IServiceCollection services, string authority, string audience)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = authority,
                    ValidateAudience = false, // Noncompliant THC006
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                };
            })
            .AddJwtBearer("partner", o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = "https://partner.example.com",
                    ValidateAudience = true,
                    ValidAudience = audience,
                    ValidateLifetime = false, // Noncompliant THC006
                    RequireSignedTokens = false, // Noncompliant THC005
                };
            });
    }

    public static bool IsAdmin(string bearer)
    {
        var handler = new JwtSecurityTokenHandler();
        var jwt = handler.ReadJwtToken(bearer); // Noncompliant THC005
        return jwt.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "admin");
    }

    public static DateTime ExpiryOf(string bearer, TokenValidationParameters parameters)
    {
        var handler = new JwtSecurityTokenHandler();
        handler.ValidateToken(bearer, parameters, out var validated);
        var jwt = handler.ReadJwtToken(bearer);
        return jwt.ValidTo;
    }
}
