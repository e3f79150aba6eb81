using System.Net;
using System.Text.Json;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Lambda;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Lambda.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Ops.CognitoAdmin;

public class Function
{
    private static readonly IAmazonCognitoIdentityProvider Cognito = new AmazonCognitoIdentityProviderClient();
    private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();
    private static readonly string UserPoolId = Environment.GetEnvironmentVariable("USER_POOL_ID")!;
    private static readonly string AdminClientId = Environment.GetEnvironmentVariable("ADMIN_CLIENT_ID")!;
    private static readonly string SmokeTestFunction = Environment.GetEnvironmentVariable("SMOKE_TEST_FUNCTION") ?? "tenant-smoke-test";

    public async Task<APIGatewayProxyResponse> Handler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine("Incoming request: " + JsonSerializer.Serialize(request)); // Noncompliant THC002
        context.Logger.LogInformation($"RequestId {context.AwsRequestId} path {request.Path}");
        var action = request.PathParameters != null && request.PathParameters.TryGetValue("action", out var a) ? a : "";
        var body = JsonSerializer.Deserialize<AdminRequest>(request.Body ?? "{}") ?? new AdminRequest();
        try
        {
            switch (action)
            {
                case "reset-password":
                    await Cognito.AdminResetUserPasswordAsync(new AdminResetUserPasswordRequest { UserPoolId = UserPoolId, Username = body.Username });
                    context.Logger.LogInformation($"Password reset issued for {body.Username}");
                    return Json(HttpStatusCode.Accepted, new { status = "reset-sent" });

                case "disable":
                    await Cognito.AdminDisableUserAsync(new AdminDisableUserRequest { UserPoolId = UserPoolId, Username = body.Username });
                    await Cognito.AdminUserGlobalSignOutAsync(new AdminUserGlobalSignOutRequest { UserPoolId = UserPoolId, Username = body.Username });
                    return Json(HttpStatusCode.OK, new { status = "disabled" });

                case "smoke-login":
                    var auth = await Cognito.AdminInitiateAuthAsync(new AdminInitiateAuthRequest
                    {
                        UserPoolId = UserPoolId,
                        ClientId = AdminClientId,
                        AuthFlow = AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
                        AuthParameters = new Dictionary<string, string> { ["USERNAME"] = body.Username, ["PASSWORD"] = body.Password },
                    });
                    var idToken = auth.AuthenticationResult.IdToken;
                    context.Logger.LogInformation($"Smoke login ok for {body.Username}, id token {idToken}"); // Noncompliant THC001
                    var payload = JsonSerializer.Serialize(new { tenant = body.Tenant, idToken, accessToken = auth.AuthenticationResult.AccessToken });
                    await Lambda.InvokeAsync(new InvokeRequest { FunctionName = SmokeTestFunction, InvocationType = InvocationType.Event, Payload = payload }); // Noncompliant THC009
                    return Json(HttpStatusCode.OK, new { status = "smoke-test-started" });

                default:
                    return Json(HttpStatusCode.NotFound, new { error = "unknown action" });
            }
        }
        catch (UserNotFoundException)
        {
            return Json(HttpStatusCode.NotFound, new { error = "user not found" });
        }
        catch (AmazonCognitoIdentityProviderException ex)
        {
            context.Logger.LogError($"Cognito call failed for {action}: {ex.ErrorCode} {ex.Message}");
            return Json(HttpStatusCode.BadGateway, new { error = "identity provider error" });
        }
    }

    private static APIGatewayProxyResponse Json(HttpStatusCode status, object body) => new()
    {
        StatusCode = (int)status,
        Body = JsonSerializer.Serialize(body),
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
    };
}

public class AdminRequest
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string Tenant { get; set; } = "";
}
