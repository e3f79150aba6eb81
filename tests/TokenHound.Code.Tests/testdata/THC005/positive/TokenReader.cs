using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace Api.Auth;

public static class TokenReader
{
    public static string? Role(string bearer)
    {
        var handler = new JwtSecurityTokenHandler();
        var jwt = handler.ReadJwtToken(bearer); // Noncompliant
        return jwt.Claims.FirstOrDefault(c => c.Type == "role")?.Value;
    }

    public static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        RequireSignedTokens = false, // Noncompliant
        ValidateIssuerSigningKey = false, // Noncompliant
        SignatureValidator = (token, parameters) => new JwtSecurityToken(token), // Noncompliant
    };
}
