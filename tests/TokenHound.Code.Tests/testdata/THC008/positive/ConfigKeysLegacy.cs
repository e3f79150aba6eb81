using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleNotificationService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Acme.Billing.Api
{
    // .NET Core 3.1 host: the invoice archive still lives in the old account, keys come from appsettings.Production.json
    public class ConfigKeysLegacy
    {
        public ConfigKeysLegacy(IConfiguration configuration)
        {
            Configuration = configuration;
        }

        public IConfiguration Configuration { get; }

        public void ConfigureServices(IServiceCollection services)
        {
            var legacyAws = Configuration.GetSection("LegacyAws");
            var legacyCredentials = new BasicAWSCredentials(legacyAws["AccessKeyId"], legacyAws["SecretAccessKey"]); // Noncompliant THC008
            services.AddSingleton<IAmazonS3>(new AmazonS3Client(legacyCredentials, RegionEndpoint.EUWest1));

            var reportingCredentials = new BasicAWSCredentials(Configuration["Reporting:Aws:AccessKeyId"], Configuration["Reporting:Aws:SecretAccessKey"]); // Noncompliant THC008
            services.AddSingleton(reportingCredentials);

            // everything else uses the task role via the default credential chain
            services.AddDefaultAWSOptions(Configuration.GetAWSOptions());
            services.AddAWSService<IAmazonSimpleNotificationService>();
            var region = RegionEndpoint.GetBySystemName(legacyAws["Region"]);
            services.AddSingleton(region);
        }
    }
}
