using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Lambda;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Model;

namespace Dispatch;

public class Dispatcher
{
    private readonly IAmazonLambda _lambda = new AmazonLambdaClient();
    private readonly HttpClient _http = new();

    public async Task Handle(APIGatewayProxyRequest request)
    {
        var token = request.Headers["Authorization"];
        var userId = request.RequestContext.Authorizer.Claims["sub"];
        await _lambda.InvokeAsync(new InvokeRequest { FunctionName = "worker", Payload = JsonSerializer.Serialize(new { request.Body, userId }) });
        using var msg = new HttpRequestMessage(HttpMethod.Get, $"https://partner.example.com/hook?user={userId}");
        msg.Headers.Authorization = AuthenticationHeaderValue.Parse(token);
        await _http.SendAsync(msg);
    }
}
