// Reports API (.NET 8 Lambda). Deliberately leaky: see ../../README.md.
using System.IdentityModel.Tokens.Jwt;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.IdentityModel.Tokens;

namespace Reports;

public class Function
{
    private static readonly AmazonS3Client S3 = new(new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "fAkEdemoSecretKey/TokenHound+0nly9xZq2Wm"));

    private static readonly TokenValidationParameters Validation = new()
    {
        ValidateIssuer = true,
        ValidateAudience = false,
        ValidateLifetime = false,
    };

    public APIGatewayProxyResponse FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var auth = request.Headers["Authorization"];
        context.Logger.LogInformation($"Authorization: {auth}");
        try
        {
            var token = new JwtSecurityTokenHandler().ReadJwtToken(auth.Replace("Bearer ", ""));
            return new APIGatewayProxyResponse { StatusCode = 200, Body = token.Subject };
        }
        catch (Exception ex)
        {
            return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() };
        }
    }
}
