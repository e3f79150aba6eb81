using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace Api.Auth;

public static class TokenReader
{
    public static string? Role(string bearer, TokenValidationParameters parameters)
    {
        var handler = new JwtSecurityTokenHandler();
        var principal = handler.ValidateToken(bearer, parameters, out _);
        var jwt = handler.ReadJwtToken(bearer);
        return principal.FindFirst("role")?.Value ?? jwt.Claims.FirstOrDefault(c => c.Type == "role")?.Value;
    }

    public static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
    };
}
