using Microsoft.Extensions.Logging;

namespace Billing;

public sealed class StripeGateway(ILogger<StripeGateway> logger, HttpClient http)
{
    public async Task<bool> ChargeAsync(string apiKey, decimal amount)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.stripe.example/v1/charges");
            request.Headers.Authorization = new("Bearer", apiKey);
            var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException ex)
        {
            // only the last four characters: enough to tell keys apart, useless to a thief
            logger.LogError(ex, "Stripe call failed with key ending {Last4}", apiKey[^4..]);
            logger.LogWarning("Key prefix {Prefix}", apiKey[..3]);
            return false;
        }
    }
}
