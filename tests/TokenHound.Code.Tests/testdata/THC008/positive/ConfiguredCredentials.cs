using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecretsManager;
using Microsoft.Extensions.Configuration;

namespace Reports;

public sealed class ArchiveClients
{
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonS3 _s3;

    public ArchiveClients(IConfiguration config)
    {
        var awsCreds = new BasicAWSCredentials(config["Aws:AccessKeyId"], config["Aws:SecretAccessKey"]); // Noncompliant
        _secrets = new AmazonSecretsManagerClient(awsCreds, RegionEndpoint.USEast1);
        var region = RegionEndpoint.GetBySystemName(config["Aws:Region"]);
        _s3 = new AmazonS3Client(region);
    }
}
