using System.Text.Json;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Platform.UserAdmin;

public record LoginBody(string Username, string Password);
public record DisableBody(string Username, string Reason);

public class Function
{
    private static readonly IAmazonCognitoIdentityProvider Cognito = new AmazonCognitoIdentityProviderClient();
    private readonly string _poolId = Environment.GetEnvironmentVariable("USER_POOL_ID")!;
    private readonly string _clientId = Environment.GetEnvironmentVariable("ADMIN_APP_CLIENT_ID")!;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<APIGatewayProxyResponse> Handler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine($"Request {request.RequestContext?.RequestId} {request.HttpMethod} {request.Path}");
        context.Logger.LogLine(JsonSerializer.Serialize(request)); // Noncompliant THC002
        try
        {
            return request.Path switch
            {
                "/admin/login" => await AdminLogin(request, context),
                "/admin/users/disable" => await DisableUser(request, context),
                _ => new APIGatewayProxyResponse { StatusCode = 404, Body = "{\"error\":\"not found\"}" }
            };
        }
        catch (NotAuthorizedException)
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"error\":\"invalid credentials\"}" };
        }
        catch (Exception ex)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }

    private async Task<APIGatewayProxyResponse> AdminLogin(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var body = JsonSerializer.Deserialize<LoginBody>(request.Body, Json)!;
        var auth = await Cognito.AdminInitiateAuthAsync(new AdminInitiateAuthRequest
        {
            UserPoolId = _poolId,
            ClientId = _clientId,
            AuthFlow = AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = body.Username, ["PASSWORD"] = body.Password }
        });
        var result = auth.AuthenticationResult;
        LambdaLogger.Log($"Login result: {JsonSerializer.Serialize(result)}"); // Noncompliant THC001
        context.Logger.LogLine($"Admin login for {body.Username}, expires in {result.ExpiresIn}s");

        var refreshCookie = $"admin_refresh={result.RefreshToken}; Path=/admin/refresh; Secure; HttpOnly; SameSite=Strict";
        var sessionCookie = $"admin_session={result.AccessToken}; Path=/; Max-Age={result.ExpiresIn}"; // Noncompliant THC007
        return new APIGatewayProxyResponse
        {
            StatusCode = 200,
            MultiValueHeaders = new Dictionary<string, IList<string>>
            {
                ["Set-Cookie"] = new List<string> { refreshCookie, sessionCookie }
            },
            Body = JsonSerializer.Serialize(new { expiresIn = result.ExpiresIn }, Json)
        };
    }

    private async Task<APIGatewayProxyResponse> DisableUser(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var body = JsonSerializer.Deserialize<DisableBody>(request.Body, Json)!;
        var user = await Cognito.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = _poolId, Username = body.Username });
        var sub = user.UserAttributes.FirstOrDefault(a => a.Name == "sub")?.Value;
        await Cognito.AdminDisableUserAsync(new AdminDisableUserRequest { UserPoolId = _poolId, Username = body.Username });
        await Cognito.AdminUserGlobalSignOutAsync(new AdminUserGlobalSignOutRequest { UserPoolId = _poolId, Username = body.Username });
        context.Logger.LogLine($"Disabled user sub={sub} reason={body.Reason} request={context.AwsRequestId}");
        return new APIGatewayProxyResponse { StatusCode = 204 };
    }
}
