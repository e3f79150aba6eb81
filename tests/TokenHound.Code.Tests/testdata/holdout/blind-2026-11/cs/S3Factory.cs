using System;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Reports;

public static class S3Factory
{
    public static IAmazonS3 Legacy()
    {
        var creds = new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant THC008
        return new AmazonS3Client(creds, RegionEndpoint.EUWest1);
    }

    public static IAmazonS3 Partner()
    {
        var keyId = Environment.GetEnvironmentVariable("PARTNER_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("PARTNER_SECRET_ACCESS_KEY");
        return new AmazonS3Client(keyId, secret, RegionEndpoint.USEast1); // Noncompliant THC008
    }

    public static void UseBackupUser(string keyId, string secretKey)
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", keyId); // Noncompliant THC008
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secretKey); // Noncompliant THC008
    }

    public static async Task<IAmazonS3> CrossAccount(string roleArn)
    {
        using var sts = new AmazonSecurityTokenServiceClient();
        var resp = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "reports" });
        var c = resp.Credentials;
        return new AmazonS3Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), RegionEndpoint.EUWest1);
    }

    public static IAmazonS3 Default() => new AmazonS3Client();
}
