using System.Net;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Microsoft.Extensions.Logging;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Orders;

public class OrdersFunction
{
    private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
    private readonly ILogger<OrdersFunction> _logger;

    public OrdersFunction(ILogger<OrdersFunction> logger)
    {
        _logger = logger;
    }

    public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation($"Processing {request.HttpMethod} {request.Path}");
        var authorization = request.Headers["Authorization"];
        context.Logger.LogInformation($"Authorization: {authorization}"); // Noncompliant
        LambdaLogger.Log("caller key " + request.Headers["x-api-key"]); // Noncompliant

        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "prod/orders/db" });
        var connectionString = secret.SecretString;
        _logger.LogDebug("Connecting with {ConnectionString}", connectionString); // Noncompliant
        _logger.LogInformation("Secret {Arn} version {Version}", secret.ARN, secret.VersionId);

        string bearerToken = authorization.Substring("Bearer ".Length);
        Console.WriteLine(string.Format("token={0}", bearerToken)); // Noncompliant
        return new APIGatewayProxyResponse { StatusCode = (int)HttpStatusCode.OK, Body = "{}" };
    }

    private void Audit(string userPassword)
    {
        _logger.LogWarning("password change for user, new password {Password}", userPassword); // Noncompliant
    }
}
