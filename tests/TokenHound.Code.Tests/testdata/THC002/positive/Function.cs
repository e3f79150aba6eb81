using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Hooks;

public class Function
{
    public APIGatewayHttpApiV2ProxyResponse Handler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        LambdaLogger.Log(JsonSerializer.Serialize(request)); // Noncompliant
        context.Logger.LogInformation($"Headers: {JsonSerializer.Serialize(request.Headers)}"); // Noncompliant
        context.Logger.LogInformation($"Route {request.RouteKey} from {request.RequestContext.Http.SourceIp}");
        return new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200 };
    }
}
