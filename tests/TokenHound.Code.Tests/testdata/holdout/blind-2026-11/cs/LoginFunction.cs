using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Orders.Api;

public class LoginFunction
{
    private readonly ISessionService _sessions = new SessionService();

    public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"request {request.RequestContext.RequestId} {request.HttpMethod} {request.Path}");
        request.Headers.TryGetValue("Authorization", out var authHeader);
        context.Logger.LogDebug($"auth header: {authHeader}"); // Noncompliant THC001
        LambdaLogger.Log(JsonSerializer.Serialize(request)); // Noncompliant THC002
        context.Logger.LogInformation($"auth header present: {!string.IsNullOrEmpty(authHeader)}, length {authHeader?.Length ?? 0}");

        try
        {
            var session = await _sessions.ValidateAsync(authHeader);
            return new APIGatewayProxyResponse
            {
                StatusCode = 200,
                Body = JsonSerializer.Serialize(new { user = session.UserId }),
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            };
        }
        catch (UnauthorizedAccessException)
        {
            return new APIGatewayProxyResponse { StatusCode = 401, Body = "{\"message\":\"unauthorized\"}" };
        }
        catch (Exception ex)
        {
            context.Logger.LogError(ex.ToString());
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }
}
