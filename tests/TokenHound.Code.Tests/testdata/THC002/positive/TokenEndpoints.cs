using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Api;

// Minimal API endpoint that logs all request headers of the HttpContext.
public static class TokenEndpoints
{
    public static IResult Introspect(HttpContext http, ILogger<Program> logger)
    {
        logger.LogDebug("Introspection headers {@Headers}", http.Request.Headers); // Noncompliant
        logger.LogDebug("Introspection path {Path}", http.Request.Path);
        return Results.Ok();
    }
}
