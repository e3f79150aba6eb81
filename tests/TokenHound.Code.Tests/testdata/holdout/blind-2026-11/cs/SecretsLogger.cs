using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.Extensions.Logging;

namespace Payments;

public class StripeKeyProvider
{
    private readonly IAmazonSecretsManager _secrets;
    private readonly ILogger<StripeKeyProvider> _logger;
    private string? _cached;

    public StripeKeyProvider(IAmazonSecretsManager secrets, ILogger<StripeKeyProvider> logger)
    {
        _secrets = secrets;
        _logger = logger;
    }

    public async Task<string> GetAsync(string secretArn)
    {
        if (_cached is not null) return _cached;
        var resp = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretArn });
        _logger.LogInformation("Loaded secret {Arn} version {Version}", resp.ARN, resp.VersionId);
        _logger.LogDebug("Secret value: {Secret}", resp.SecretString); // Noncompliant THC001
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(resp.SecretString)))[..12];
        _logger.LogInformation("Secret fingerprint {Fingerprint}", fingerprint);
        _cached = resp.SecretString;
        return _cached;
    }

    public void ReportFailure(string apiKey, Exception ex)
    {
        _logger.LogError(ex, "Stripe call failed with key " + apiKey); // Noncompliant THC001
        _logger.LogError(ex, "Stripe call failed with key ending {Last4}", apiKey[^4..]);
    }
}
