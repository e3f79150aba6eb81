using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Storage;

public class Storage
{
    private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.EUWest1);

    public async Task<IAmazonS3> CrossAccount(string roleArn)
    {
        using var sts = new AmazonSecurityTokenServiceClient();
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "storage" });
        var c = assumed.Credentials;
        return new AmazonS3Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), RegionEndpoint.EUWest1);
    }
}
