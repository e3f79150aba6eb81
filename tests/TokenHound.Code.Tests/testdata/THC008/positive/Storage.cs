using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Storage;

public class Storage
{
    private readonly IAmazonS3 _s3 = new AmazonS3Client(new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"), RegionEndpoint.EUWest1); // Noncompliant

    public IAmazonS3 FromEnvironment()
    {
        var credentials = new BasicAWSCredentials( // Noncompliant
            Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
            Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant
        return new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
    }
}
