using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Ops.Admin;

public class AdminLoginFunction
{
    private static readonly IAmazonCognitoIdentityProvider Cognito = new AmazonCognitoIdentityProviderClient();

    public async Task<APIGatewayProxyResponse> Login(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var auth = await Cognito.AdminInitiateAuthAsync(new AdminInitiateAuthRequest
        {
            UserPoolId = Environment.GetEnvironmentVariable("POOL_ID"),
            AuthFlow = AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
        });
        var result = auth.AuthenticationResult;
        var refreshCookie = $"ops_refresh={result.RefreshToken}; Path=/refresh; Secure; HttpOnly; SameSite=Strict";
        var accessCookie = $"ops_access={result.AccessToken}; Path=/; Max-Age={result.ExpiresIn}"; // Noncompliant
        var themeCookie = "ops_theme=dark; Path=/";
        return new APIGatewayProxyResponse
        {
            StatusCode = 200,
            MultiValueHeaders = new Dictionary<string, IList<string>>
            {
                ["Set-Cookie"] = new List<string> { refreshCookie, accessCookie, themeCookie }
            },
        };
    }
}
