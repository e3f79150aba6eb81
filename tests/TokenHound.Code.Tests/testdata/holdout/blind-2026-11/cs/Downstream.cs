using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.SQS;
using Amazon.SQS.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;

namespace Orders.Api;

public class CheckoutFunction
{
    private static readonly HttpClient Http = new();
    private readonly IAmazonSQS _sqs = new AmazonSQSClient();
    private readonly IAmazonStepFunctions _sfn = new AmazonStepFunctionsClient();

    public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var token = request.Headers["Authorization"].Replace("Bearer ", "");
        var userId = request.RequestContext.Authorizer.Claims["sub"];

        await _sqs.SendMessageAsync(new SendMessageRequest // Noncompliant THC009
        {
            QueueUrl = System.Environment.GetEnvironmentVariable("QUEUE_URL"),
            MessageBody = JsonSerializer.Serialize(new { userId, token }),
        });

        var input = JsonSerializer.Serialize(new { userId, requestId = request.RequestContext.RequestId });
        await _sfn.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = System.Environment.GetEnvironmentVariable("SM_ARN"), Input = input });

        var idToken = request.Headers["X-Id-Token"];
        await _sfn.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = System.Environment.GetEnvironmentVariable("SM_ARN"), Input = $"{{\"idToken\":\"{idToken}\"}}" }); // Noncompliant THC009

        var legacy = await Http.GetAsync($"https://legacy.example.com/api/cart?access_token={token}"); // Noncompliant THC009

        using var msg = new HttpRequestMessage(HttpMethod.Get, $"https://profile.example.com/users/{userId}");
        msg.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var profile = await Http.SendAsync(msg);

        return new APIGatewayProxyResponse { StatusCode = 200, Body = JsonSerializer.Serialize(new { legacy = (int)legacy.StatusCode, profile = (int)profile.StatusCode }) };
    }
}
