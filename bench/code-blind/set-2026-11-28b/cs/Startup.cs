using System.Text;
using Amazon.S3;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Partner.Gateway;

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
        services.AddAWSService<IAmazonS3>();

        var partnerKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Configuration["Partner:JwtKey"]!));
        var internalKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Configuration["Internal:JwtKey"]!));

        services.AddAuthentication("Internal")
            .AddJwtBearer("Partner", options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false, // Noncompliant THC006
                    ValidateAudience = true,
                    ValidAudience = Configuration["Partner:Audience"],
                    ValidateLifetime = true,
                    IssuerSigningKey = partnerKey,
                    RequireSignedTokens = false, // Noncompliant THC005
                };
            })
            .AddJwtBearer("Internal", options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = Configuration["Internal:Issuer"],
                    ValidateAudience = true,
                    ValidAudience = Configuration["Internal:Audience"],
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = internalKey,
                    ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
                };
            });

        // the partner's reporting SDK only reads credentials from the environment
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Configuration["Partner:AccessKeyId"]); // Noncompliant THC008
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Configuration["Partner:SecretAccessKey"]); // Noncompliant THC008
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env, ILogger<Startup> logger)
    {
        app.UseDeveloperExceptionPage(); // Noncompliant THC004

        if (env.IsDevelopment())
        {
            app.UseSwagger();
            app.UseSwaggerUI();
        }

        app.Use(async (ctx, next) =>
        {
            logger.LogInformation("{Method} {Path} trace={Trace}", ctx.Request.Method, ctx.Request.Path, ctx.TraceIdentifier);
            await next();
        });

        app.UseHttpsRedirection();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints => endpoints.MapControllers());
    }
}
