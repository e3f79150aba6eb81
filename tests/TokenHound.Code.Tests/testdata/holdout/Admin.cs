// Holdout sample: written after the rules were tuned, never used to tune them. Annotations name their rule.
using System.IdentityModel.Tokens.Jwt;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;

namespace Admin;

public class AdminFunction
{
    private static readonly AmazonS3Client S3 = new(new BasicAWSCredentials(Environment.GetEnvironmentVariable("ADMIN_KEY_ID"), Environment.GetEnvironmentVariable("ADMIN_SECRET"))); // Noncompliant THC008

    public APIGatewayProxyResponse Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var header = request.Headers["Authorization"];
        context.Logger.LogDebug($"header={header}"); // Noncompliant THC001
        var token = new JwtSecurityTokenHandler().ReadJwtToken(header.Replace("Bearer ", "")); // Noncompliant THC005
        if (!token.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "admin"))
        {
            return new APIGatewayProxyResponse { StatusCode = 403 };
        }

        try
        {
            return new APIGatewayProxyResponse { StatusCode = 200, Body = "{}" };
        }
        catch (AmazonS3Exception ex)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
        }
    }
}
