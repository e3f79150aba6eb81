using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Orders.Api;

public class OrderFunction
{
    private readonly OrderRepository _repository = new();

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine(JsonSerializer.Serialize(request)); // Noncompliant THC002
        context.Logger.LogInformation($"Request {context.AwsRequestId} {request.HttpMethod} {request.Path}");

        request.Headers.TryGetValue("Authorization", out var authorization);
        context.Logger.LogInformation($"Caller authorization: {authorization}"); // Noncompliant THC001
        context.Logger.LogInformation($"Authorization header length: {authorization?.Length ?? 0}");

        try
        {
            var orderId = request.PathParameters["id"];
            var order = await _repository.GetAsync(orderId);
            return Json(200, order);
        }
        catch (KeyNotFoundException)
        {
            return Json(404, new { message = "order not found" });
        }
        catch (Exception ex)
        {
            context.Logger.LogError($"Order lookup failed: {ex.Message}");
            return new APIGatewayProxyResponse
            {
                StatusCode = 500,
                Body = JsonSerializer.Serialize(new { error = ex.Message, trace = ex.StackTrace }), // Noncompliant THC003
            };
        }
    }

    public APIGatewayProxyResponse Ping(APIGatewayProxyRequest request, ILambdaContext context)
    {
        LambdaLogger.Log($"Ping from {request.RequestContext?.Identity?.SourceIp}");
        request.Headers.TryGetValue("Cookie", out var cookie);
        LambdaLogger.Log("Cookie header: " + cookie); // Noncompliant THC001
        return Json(200, new { pong = true, requestId = context.AwsRequestId });
    }

    public APIGatewayProxyResponse Fail(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogWarning($"Rejected request {context.AwsRequestId}");
        return new APIGatewayProxyResponse
        {
            StatusCode = 400,
            Body = JsonSerializer.Serialize(new { error = "bad request", requestId = context.AwsRequestId }),
        };
    }

    private static APIGatewayProxyResponse Json(int status, object body) => new()
    {
        StatusCode = status,
        Body = JsonSerializer.Serialize(body),
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
    };
}
