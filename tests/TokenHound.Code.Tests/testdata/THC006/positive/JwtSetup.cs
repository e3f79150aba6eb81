using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Api;

public static class JwtSetup
{
    public static void AddJwt(this IServiceCollection services, string authority)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false, // Noncompliant
                    ValidateAudience = false, // Noncompliant
                    ValidateLifetime = true,
                    LifetimeValidator = (notBefore, expires, token, parameters) => true, // Noncompliant
                };
                options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant
            });
    }
}
