using System.Text.Json;
using Amazon.Lambda;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Dispatch;

public class Dispatcher
{
    private readonly IAmazonLambda _lambda = new AmazonLambdaClient();
    private readonly IAmazonSQS _sqs = new AmazonSQSClient();
    private readonly HttpClient _http = new();

    public async Task Handle(APIGatewayProxyRequest request)
    {
        var token = request.Headers["Authorization"];
        await _lambda.InvokeAsync(new InvokeRequest // Noncompliant
        {
            FunctionName = "worker",
            Payload = JsonSerializer.Serialize(new { request.Body, token }),
        });
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs", MessageBody = $"{{\"auth\":\"{token}\"}}" }); // Noncompliant
        await _http.GetAsync($"https://partner.example.com/hook?token={token}"); // Noncompliant
    }
}
