using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Serilog;

public sealed class HeaderDiagnostics
{
    private readonly RequestDelegate _next;
    private readonly ILogger _log = Log.ForContext<HeaderDiagnostics>();

    public HeaderDiagnostics(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        // a copy of all the headers is still all the headers
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
        _log.Debug("Request {Method} {Path} {@Headers}", context.Request.Method, context.Request.Path, headers); // Noncompliant

        var auth = context.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Basic ", System.StringComparison.OrdinalIgnoreCase))
        {
            // "user:password", decoded from the Basic header
            var decoded = Encoding.UTF8.GetString(System.Convert.FromBase64String(auth.Substring(6)));
            _log.Warning("Legacy basic auth used by {Credentials}", decoded); // Noncompliant THC001
        }

        await _next(context);
    }
}
