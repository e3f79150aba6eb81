using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Billing.Api
{
    public class StartupConfigLegacy
    {
        public StartupConfigLegacy(IConfiguration configuration)
        {
            Configuration = configuration;
        }

        public IConfiguration Configuration { get; }

        public void Configure(IApplicationBuilder app, ILogger<StartupConfigLegacy> logger)
        {
            // settings under a "Jwt" section are not tokens themselves: the issuer, the audience, the key's length
            logger.LogInformation("JWT issuer {Issuer}, audience {Audience}", Configuration["Jwt:Issuer"], Configuration["Jwt:Audience"]);
            logger.LogInformation("JWT signing key length {KeyLength}", (Configuration["Jwt:SigningKey"] ?? string.Empty).Length);
            app.UseRouting();
        }
    }
}
