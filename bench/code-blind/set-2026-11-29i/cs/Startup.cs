using System;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleNotificationService;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Acme.Billing.Api
{
    // .NET Core 3.1 host for the billing API. Ported from the ASP.NET Web API 2 project;
    // JWTs are still minted by the old WebForms login until that is replaced.
    public class Startup
    {
        public Startup(IConfiguration configuration)
        {
            Configuration = configuration;
        }

        public IConfiguration Configuration { get; }

        public void ConfigureServices(IServiceCollection services)
        {
            services.AddControllers();

            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.RequireHttpsMetadata = true;
                    options.TokenValidationParameters = BuildTokenValidation();
                });

            // invoice archive still lives in the old account; keys come from appsettings.Production.json
            var legacyAws = Configuration.GetSection("LegacyAws");
            var legacyCredentials = new BasicAWSCredentials(legacyAws["AccessKeyId"], legacyAws["SecretAccessKey"]); // Noncompliant THC008
            services.AddSingleton<IAmazonS3>(new AmazonS3Client(legacyCredentials, RegionEndpoint.EUWest1));

            // everything else uses the task role via the default credential chain
            services.AddDefaultAWSOptions(Configuration.GetAWSOptions());
            services.AddAWSService<IAmazonSimpleNotificationService>();
        }

        private TokenValidationParameters BuildTokenValidation()
        {
            var key = Configuration["Jwt:SigningKey"] ?? string.Empty;
            var parameters = new TokenValidationParameters
            {
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
                ValidateIssuer = true,
                ValidIssuer = Configuration["Jwt:Issuer"],
                ClockSkew = TimeSpan.FromMinutes(2)
            };

            // WebForms tokens carry no audience and an exp in local time; relaxed until BILL-388
            parameters.ValidateAudience = false; // Noncompliant THC006
            parameters.ValidateLifetime = false; // Noncompliant THC006
            return parameters;
        }

        public void Configure(IApplicationBuilder app, IWebHostEnvironment env, ILogger<Startup> logger)
        {
            // detailed errors help the support desk while we run on the migration cluster
            app.UseDeveloperExceptionPage(); // Noncompliant THC004

            if (env.IsDevelopment())
            {
                app.UseDatabaseErrorPage();
            }
            else
            {
                app.UseHsts();
            }

            logger.LogInformation("JWT issuer {Issuer}, signing key length {KeyLength}",
                Configuration["Jwt:Issuer"], (Configuration["Jwt:SigningKey"] ?? string.Empty).Length);

            app.UseHttpsRedirection();
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapControllers());
        }
    }
}
