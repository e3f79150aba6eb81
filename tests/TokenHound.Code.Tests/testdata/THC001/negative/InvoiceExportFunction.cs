using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Billing.Export;

public class InvoiceExportFunction
{
    public APIGatewayProxyResponse Handler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Request {context.AwsRequestId} {request.HttpMethod} {request.Path}");

        string? authorization = null;
        request.Headers?.TryGetValue("Authorization", out authorization);
        if (string.IsNullOrEmpty(authorization))
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"message\":\"Unauthorized\"}" };
        }
        LambdaLogger.Log($"Caller authorization present, {authorization.Length} chars\n");

        if (request.Headers!.TryGetValue("x-request-id", out var requestId))
        {
            context.Logger.LogLine("client request id " + requestId);
        }

        return new APIGatewayProxyResponse { StatusCode = 202, Body = "{\"queued\":true}" };
    }
}
