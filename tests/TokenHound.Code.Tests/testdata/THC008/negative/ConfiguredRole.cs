using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Microsoft.Extensions.Configuration;

namespace Reports;

public sealed class ArchiveRoleClients
{
    private readonly IAmazonS3 _s3;

    public ArchiveRoleClients(IConfiguration config)
    {
        var region = RegionEndpoint.GetBySystemName(config["Aws:Region"]);
        var creds = new AssumeRoleAWSCredentials(FallbackCredentialsFactory.GetCredentials(), config["Aws:ArchiveRoleArn"], "archive");
        _s3 = new AmazonS3Client(creds, region);
        var keyId = config["Aws:KmsKeyId"];
        Console.WriteLine($"archive clients ready in {region.SystemName} (kms {keyId})");
    }
}
