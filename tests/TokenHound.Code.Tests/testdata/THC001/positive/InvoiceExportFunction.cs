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
        LambdaLogger.Log($"Caller authorization: {authorization}\n"); // Noncompliant

        if (request.Headers!.TryGetValue("x-api-key", out var partnerKey))
        {
            context.Logger.LogLine("partner call with " + partnerKey); // Noncompliant
        }

        return new APIGatewayProxyResponse { StatusCode = 202, Body = "{\"queued\":true}" };
    }
}
