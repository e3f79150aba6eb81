using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Acme.Archive.Worker;

// the options name the role to assume and the region; the keys come from the default chain (the task role)
public sealed class ArchiveOptions
{
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "eu-west-1";
    public string RoleArn { get; set; } = "";
    public string KmsKeyId { get; set; } = "";
}

public sealed class ArchiveClientFactory
{
    private readonly ArchiveOptions _options;

    public ArchiveClientFactory(IOptions<ArchiveOptions> options)
    {
        _options = options.Value;
    }

    public IAmazonS3 Create()
    {
        var assumed = new AssumeRoleAWSCredentials(FallbackCredentialsFactory.GetCredentials(), _options.RoleArn, "archive-" + _options.KmsKeyId);
        return new AmazonS3Client(assumed, RegionEndpoint.GetBySystemName(_options.Region));
    }
}
