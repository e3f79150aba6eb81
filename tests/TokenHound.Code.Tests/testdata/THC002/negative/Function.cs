using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Hooks;

public class Function
{
    private static readonly HashSet<string> Sensitive = new(StringComparer.OrdinalIgnoreCase) { "authorization", "cookie", "x-api-key" };

    public APIGatewayHttpApiV2ProxyResponse Handler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        var summary = new { request.RouteKey, request.RawPath, request.RequestContext.RequestId };
        LambdaLogger.Log(JsonSerializer.Serialize(summary));
        context.Logger.LogInformation($"Header names: {string.Join(",", request.Headers.Keys)}");
        context.Logger.LogInformation($"Body length: {request.Body?.Length ?? 0}");
        return new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200 };
    }
}
