using System;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

public sealed record TokenResult(string AccessToken, int ExpiresIn);

public static class ExpiryReader
{
    // the expiry of a token just received from the identity provider: not a decision on an incoming token
    public static async Task<DateTime> ExchangeAsync(HttpClient client, FormUrlEncodedContent form)
    {
        using var resp = await client.PostAsync("/oauth2/token", form);
        resp.EnsureSuccessStatusCode();
        var result = await resp.Content.ReadFromJsonAsync<TokenResult>();
        return new JwtSecurityTokenHandler().ReadJwtToken(result!.AccessToken).ValidTo;
    }
}
