// Patient portal API host (ASP.NET Core, Startup-style hosting).
using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ExampleHealth.PatientPortal
{
    public class Startup
    {
        private readonly IConfiguration _configuration;
        private readonly IWebHostEnvironment _environment;

        public Startup(IConfiguration configuration, IWebHostEnvironment environment)
        {
            _configuration = configuration;
            _environment = environment;
        }

        public void ConfigureServices(IServiceCollection services)
        {
            var authority = _configuration["Cognito:Authority"];
            var audience = _configuration["Cognito:ClientId"];

            services.AddDefaultAWSOptions(_configuration.GetAWSOptions());
            services.AddAWSService<IAmazonDynamoDB>();
            services.AddControllers();

            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.Authority = authority;
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = authority,
                        ValidAudience = audience,
                        ValidateIssuer = true,
                        ValidateIssuerSigningKey = true,
                        ClockSkew = TimeSpan.FromMinutes(2),
                    };
                    // Mobile app builds before 4.2 send tokens after expiry; tolerate until they are retired.
                    options.TokenValidationParameters.ValidateLifetime = false; // Noncompliant THC006
                    options.Events = new JwtBearerEvents
                    {
                        OnMessageReceived = ctx =>
                        {
                            var log = ctx.HttpContext.RequestServices.GetRequiredService<ILogger<Startup>>();
                            var raw = ctx.Request.Headers["Authorization"].ToString();
                            log.LogDebug("Bearer received on {Path}: {Header}", ctx.Request.Path, raw); // Noncompliant THC001
                            return Task.CompletedTask;
                        },
                        OnTokenValidated = ctx =>
                        {
                            var log = ctx.HttpContext.RequestServices.GetRequiredService<ILogger<Startup>>();
                            log.LogInformation("Token validated for {Subject}", ctx.Principal?.FindFirst("sub")?.Value);
                            return Task.CompletedTask;
                        },
                    };
                })
                .AddJwtBearer("Kiosk", options =>
                {
                    options.Authority = _configuration["Kiosk:Authority"];
                    options.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = _configuration["Kiosk:Authority"], ValidateAudience = false }; // Noncompliant THC006
                });

            services.ConfigureApplicationCookie(cookie =>
            {
                cookie.Cookie.Name = "__Host-portal";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
            });
        }

        public void Configure(IApplicationBuilder app, ILogger<Startup> logger)
        {
            app.UseDeveloperExceptionPage(); // Noncompliant THC004

            if (_environment.IsDevelopment())
            {
                logger.LogInformation("Running in development mode");
            }
            else
            {
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapControllers());
            logger.LogInformation("Patient portal started; issuer {Issuer}", _configuration["Cognito:Authority"]);
        }
    }
}
