using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.Extensions.Logging;

public class LedgerCallback
{
    private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
    private readonly ILogger<LedgerCallback> _logger;

    public LedgerCallback(ILogger<LedgerCallback> logger) => _logger = logger;

    // a secret's JSON deserialized is still the secret
    public async Task LoadAsync(string secretId)
    {
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
        var ledger = JsonSerializer.Deserialize<Dictionary<string, string>>(secret.SecretString)!;
        _logger.LogInformation("Loaded ledger credentials {Credentials}", ledger); // Noncompliant
        _logger.LogInformation("Loaded {Count} ledger settings", ledger.Count);
    }
}
