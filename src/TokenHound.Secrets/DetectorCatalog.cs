using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets;

/// <summary>Every built-in detector. A meta-test checks ids are unique, documented and have examples.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<SecretDetector> All() =>
    [
        new AwsAccessKeyIdDetector(),
        new AwsSecretAccessKeyDetector(),
        new AwsSessionTokenDetector(),
        new JwtDetector(),
        new CognitoRefreshTokenDetector(),
        new BearerTokenDetector(),
        new BasicAuthDetector(),
        new ApiKeyHeaderDetector(),
        new PrivateKeyDetector(),
        new GenericSecretDetector(),
    ];
}
