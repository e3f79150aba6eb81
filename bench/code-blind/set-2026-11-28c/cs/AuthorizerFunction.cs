using System.IdentityModel.Tokens.Jwt;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

public class AuthorizerFunction
{
    private static readonly string Issuer = Environment.GetEnvironmentVariable("TOKEN_ISSUER")!;
    private static readonly string Audience = Environment.GetEnvironmentVariable("TOKEN_AUDIENCE")!;
    private static readonly ConfigurationManager<OpenIdConnectConfiguration> Oidc =
        new($"{Issuer}/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever());

    private readonly JwtSecurityTokenHandler _handler = new();

    public async Task<APIGatewayCustomAuthorizerResponse> Authorize(APIGatewayCustomAuthorizerRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Authorizing {request.MethodArn}");
        var token = request.AuthorizationToken?.Replace("Bearer ", string.Empty) ?? string.Empty;
        var config = await Oidc.GetConfigurationAsync(CancellationToken.None);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
        };
        try
        {
            var principal = _handler.ValidateToken(token, parameters, out _);
            var scope = _handler.ReadJwtToken(token).Claims.FirstOrDefault(c => c.Type == "scope")?.Value ?? "";
            return Policy(principal.FindFirst("sub")!.Value, "Allow", request.MethodArn, scope);
        }
        catch (SecurityTokenException ex)
        {
            context.Logger.LogWarning($"Token rejected: {ex.GetType().Name}");
            return Policy("anonymous", "Deny", request.MethodArn, "");
        }
    }

    public APIGatewayCustomAuthorizerResponse AuthorizeService(APIGatewayCustomAuthorizerRequest request, ILambdaContext context)
    {
        var jwt = _handler.ReadJwtToken(request.Headers["x-service-token"]); // Noncompliant THC005
        var service = jwt.Claims.FirstOrDefault(c => c.Type == "svc")?.Value;
        var allowed = service is "billing" or "reporting";
        context.Logger.LogInformation($"Service call from {service ?? "unknown"} allowed={allowed}");
        return Policy(service ?? "unknown", allowed ? "Allow" : "Deny", request.MethodArn, "service");
    }

    public APIGatewayCustomAuthorizerResponse AuthorizeLegacy(APIGatewayCustomAuthorizerRequest request, ILambdaContext context)
    {
        var token = request.AuthorizationToken ?? string.Empty;
        try
        {
            var principal = _handler.ValidateToken(token, LegacyParameters(), out _);
            return Policy(principal.FindFirst("sub")?.Value ?? "legacy", "Allow", request.MethodArn, "legacy");
        }
        catch (SecurityTokenException)
        {
            return Policy("anonymous", "Deny", request.MethodArn, "");
        }
    }

    // Legacy mobile tokens are issued by the old auth server, which rotates keys without JWKS.
    private static TokenValidationParameters LegacyParameters() => new()
    {
        ValidIssuer = "https://auth.legacy.example.com",
        ValidateAudience = true,
        ValidAudience = "mobile",
        ValidateLifetime = false, // Noncompliant THC006
        SignatureValidator = (t, p) => new JwtSecurityToken(t), // Noncompliant THC005
    };

    private static APIGatewayCustomAuthorizerResponse Policy(string principal, string effect, string resource, string scope) => new()
    {
        PrincipalID = principal,
        PolicyDocument = new APIGatewayCustomAuthorizerPolicy
        {
            Version = "2012-10-17",
            Statement = new List<APIGatewayCustomAuthorizerPolicy.IAMPolicyStatement>
            {
                new() { Action = new HashSet<string> { "execute-api:Invoke" }, Effect = effect, Resource = new HashSet<string> { resource } },
            },
        },
        Context = new APIGatewayCustomAuthorizerContextOutput { ["scope"] = scope },
    };
}
