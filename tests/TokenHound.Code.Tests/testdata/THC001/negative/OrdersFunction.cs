using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Microsoft.Extensions.Logging;

namespace Orders;

public class OrdersFunction
{
    private readonly ILogger<OrdersFunction> _logger;

    public OrdersFunction(ILogger<OrdersFunction> logger) => _logger = logger;

    public APIGatewayProxyResponse FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Request {request.RequestContext.RequestId} {request.HttpMethod} {request.Path}");
        request.Headers.TryGetValue("Authorization", out var authorization);
        var token = authorization?.Replace("Bearer ", "") ?? "";
        context.Logger.LogInformation($"Token length {token.Length}");
        context.Logger.LogInformation($"Token hash {HashToken(token)}");
        _logger.LogInformation("Has token: {HasToken}", !string.IsNullOrEmpty(token));
        var tokenType = "Bearer";
        _logger.LogDebug("Token type {TokenType}", tokenType);
        var userAgent = request.Headers["User-Agent"];
        Console.WriteLine($"User agent: {userAgent}");
        return new APIGatewayProxyResponse { StatusCode = (int)HttpStatusCode.OK, Body = "{}" };
    }

    private static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];
}
