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
        // header names only, and the user name of a Basic header (not its password)
        var names = context.Request.Headers.Keys.ToList();
        _log.Debug("Request {Method} {Path} with headers {Names}", context.Request.Method, context.Request.Path, names.Count);

        var auth = context.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Basic ", System.StringComparison.OrdinalIgnoreCase))
        {
            _log.Warning("Legacy basic auth used ({Length} chars)", auth.Length);
        }

        await _next(context);
    }
}
