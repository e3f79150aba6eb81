// Release gate: release managers approve a pending promotion from the portal.
// API Gateway REST API -> Lambda (.NET 8), AWSSDK.Lambda + AWSSDK.StepFunctions.

using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Amazon.Lambda;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Lambda.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Acme.Delivery.ReleaseGate;

public sealed record ApprovalRequest(string ReleaseId, string TaskToken, string? Comment);

public class Function
{
    private static readonly string NotifierFunction =
        Environment.GetEnvironmentVariable("NOTIFIER_FUNCTION") ?? "release-notifier";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IAmazonLambda _lambda;
    private readonly IAmazonStepFunctions _sfn;
    private readonly JwtSecurityTokenHandler _tokens = new();

    public Function() : this(new AmazonLambdaClient(), new AmazonStepFunctionsClient()) { }

    public Function(IAmazonLambda lambda, IAmazonStepFunctions sfn)
    {
        _lambda = lambda;
        _sfn = sfn;
    }

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation(JsonSerializer.Serialize(request)); // Noncompliant THC002
        try
        {
            var header = request.Headers != null && request.Headers.TryGetValue("Authorization", out var h) ? h : string.Empty;
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : header;

            var jwt = _tokens.ReadJwtToken(token); // Noncompliant THC005
            var isReleaseManager = jwt.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "release-managers");
            if (!isReleaseManager)
            {
                return Respond(403, new { message = "release managers only", requestId = context.AwsRequestId });
            }

            var approval = JsonSerializer.Deserialize<ApprovalRequest>(request.Body ?? "{}", Json)
                ?? throw new InvalidOperationException("empty approval");
            var approver = jwt.Subject;
            LambdaLogger.Log($"release {approval.ReleaseId} approved by {approver}");

            await _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest
            {
                TaskToken = approval.TaskToken,
                Output = JsonSerializer.Serialize(new { approval.ReleaseId, approver, approval.Comment }, Json),
            });

            await _lambda.InvokeAsync(new InvokeRequest { FunctionName = NotifierFunction, InvocationType = InvocationType.Event, Payload = JsonSerializer.Serialize(new { approval.ReleaseId, approver, approverToken = token }, Json) }); // Noncompliant THC009

            return Respond(200, new { approval.ReleaseId, status = "approved" });
        }
        catch (ArgumentException)
        {
            return Respond(400, new { message = "malformed bearer token", requestId = context.AwsRequestId });
        }
        catch (TaskTimedOutException)
        {
            return Respond(409, new { message = "approval window has closed", requestId = context.AwsRequestId });
        }
        catch (Exception ex)
        {
            context.Logger.LogError($"approval failed ({context.AwsRequestId}): {ex.GetType().Name}");
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponse Respond(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = JsonSerializer.Serialize(body, Json),
    };
}
