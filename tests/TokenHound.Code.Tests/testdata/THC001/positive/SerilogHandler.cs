using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Serilog;

namespace Accounts;

public class LoginFunction
{
    public APIGatewayProxyResponse Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var auth = request.Headers["Authorization"];
        Log.Information("Login attempt with {Authorization}", auth); // Noncompliant
        Log.Information("Login attempt for request {RequestId}", context.AwsRequestId);
        var key = request.Headers["x-api-key"];
        Log.Debug("key tail {Tail}", key[^4..]);
        Log.Warning("key {Key}", key[4..]); // Noncompliant
        return new APIGatewayProxyResponse { StatusCode = 204 };
    }
}
