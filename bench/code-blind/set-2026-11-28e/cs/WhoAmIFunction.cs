using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Net;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using AWS.Lambda.Powertools.Logging;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Support.Console;

public class WhoAmIFunction
{
    private static readonly JwtSecurityTokenHandler TokenHandler = new();
    private static readonly string[] SupportGroups = { "support", "admin" };

    [Logging(LogEvent = false, Service = "support-console")]
    public APIGatewayHttpApiV2ProxyResponse Handler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        Logger.LogInformation("Handling {Method} {Path}", request.RequestContext.Http.Method, request.RawPath);

        string authorization = null;
        request.Headers?.TryGetValue("authorization", out authorization);
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Json(HttpStatusCode.Unauthorized, new { message = "Unauthorized" });
        }

        var raw = authorization.Substring("Bearer ".Length).Trim();
        Logger.LogDebug("Bearer token received ({Length} chars)", raw.Length);

        JwtSecurityToken jwt;
        try
        {
            jwt = TokenHandler.ReadJwtToken(raw); // Noncompliant THC005
        }
        catch (ArgumentException ex)
        {
            Logger.LogWarning(ex, "Malformed token on {Path}", request.RawPath);
            return Json(HttpStatusCode.BadRequest, new { message = "Malformed token", received = authorization }); // Noncompliant THC003
        }

        var groups = jwt.Claims.Where(c => c.Type == "cognito:groups").Select(c => c.Value).ToList();
        if (!groups.Any(g => SupportGroups.Contains(g)))
        {
            Logger.LogInformation("Denied support console for {Sub}", jwt.Subject);
            return Json(HttpStatusCode.Forbidden, new { message = "Forbidden" });
        }

        Logger.LogInformation("Support session for {Sub}, token {Token}", jwt.Subject, raw); // Noncompliant THC001
        return Json(HttpStatusCode.OK, new
        {
            sub = jwt.Subject,
            email = jwt.Claims.FirstOrDefault(c => c.Type == "email")?.Value,
            groups,
            expires = jwt.ValidTo
        });
    }

    private static APIGatewayHttpApiV2ProxyResponse Json(HttpStatusCode status, object body) => new()
    {
        StatusCode = (int)status,
        Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
        Body = JsonSerializer.Serialize(body)
    };
}
