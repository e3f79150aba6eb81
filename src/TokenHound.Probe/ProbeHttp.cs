using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>One request the probe wants to send.</summary>
public sealed record ProbeRequest
{
    public required string Method { get; init; }
    public required Uri Uri { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public string? Body { get; init; }
    public string ContentType { get; init; } = "application/json";

    /// <summary>What the request tests, for reports ("alg none", "canary in cookie" …).</summary>
    public string? Label { get; init; }

    /// <summary>Follow same-host redirects (up to 5).</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>An endpoint the user named (--llm): its method is allowed even when not in --method.</summary>
    public bool UserNamed { get; init; }

    public static ProbeRequest Get(Uri uri, string? label = null, params KeyValuePair<string, string>[] headers) =>
        new() { Method = "GET", Uri = uri, Label = label, Headers = headers };

    public static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    public static KeyValuePair<string, string> Bearer(string token) => new("Authorization", "Bearer " + token);
}

/// <summary>What came back (or the error). Body is capped at <see cref="ProbeOptions.MaxResponseBytes"/>.</summary>
public sealed record ProbeResponse
{
    public required ProbeRequest Request { get; init; }

    /// <summary>0 when no response (see <see cref="Error"/>).</summary>
    public int Status { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public string Body { get; init; } = "";
    public bool Truncated { get; init; }
    public string? Error { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>The URL of this response (after same-host redirects).</summary>
    public required Uri Uri { get; init; }

    /// <summary>Locations of redirects that were followed (first hop first).</summary>
    public IReadOnlyList<string> Redirects { get; init; } = [];

    public bool Ok => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string ContentType => Header("Content-Type") ?? "";

    public bool IsJson => ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    public bool IsHtml => ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Counters for the report.</summary>
public sealed class ProbeStats
{
    public int Sent;
    public int Planned;
    public int Failed;
    public int Timeouts;
    public int BackOffs;
    public int Truncated;
    public long BytesRead;
    public int SkippedByBudget;
    public readonly SortedDictionary<int, int> ByStatus = [];
}

/// <summary>
/// The only way the probe talks to the network: target host(s) only, manual same-host redirects, a rate limit, a request
/// budget, Retry-After / 429 back-off, connect/total/per-read timeouts, a byte cap per response, method allow-list,
/// dry run, and masking of every token in request descriptions.
/// </summary>
public sealed class ProbeClient : IDisposable
{
    private readonly ProbeOptions _o;
    private readonly IFindingSink _sink;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _rateLock = new(1, 1);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly List<string> _secrets = [];
    private readonly Lock _lock = new();
    private readonly HashSet<string> _allowedHosts;
    private readonly string _targetAuthority;
    private long _nextSlotTicks;
    private double _intervalMs;
    private int _consecutiveFailures;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ProbeClient(ProbeOptions options, IFindingSink sink)
    {
        _o = options;
        _sink = sink;
        _intervalMs = options.Rate > 0 ? 1000.0 / options.Rate : 0;
        _targetAuthority = Authority(options.Target);
        _allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { options.Target.Host };
        foreach (var h in options.AllowHosts)
        {
            _allowedHosts.Add(h.Trim());
        }

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            UseProxy = !options.Target.IsLoopback,
            ResponseDrainTimeout = TimeSpan.FromMilliseconds(200),
        };
        if (options.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("TokenHound-probe", "0.1"));
        foreach (var s in new[] { options.Token, options.ExpiredToken, options.OtherToken })
        {
            AddSecret(s);
        }

        foreach (var c in options.Cookies)
        {
            var eq = c.IndexOf('=', StringComparison.Ordinal);
            AddSecret(eq >= 0 ? c[(eq + 1)..] : c);
        }
    }

    public ProbeStats Stats { get; } = new();

    /// <summary>Requests a dry run would have sent (masked).</summary>
    public List<string> Plan { get; } = [];

    /// <summary>Set when the target stopped answering (DNS, refused, TLS, repeated timeouts): no more requests are sent.</summary>
    public string? StoppedReason { get; private set; }

    public bool BudgetExhausted { get; private set; }

    public bool Stopped => StoppedReason is not null;

    public int Remaining => Math.Max(0, _o.Budget - (_o.DryRun ? Stats.Planned : Stats.Sent));

    /// <summary>Called for every response (passive checks).</summary>
    public event Action<ProbeResponse>? Responded;

    /// <summary>Registers a value that must never appear unmasked in a report (user tokens, forged tokens, canaries).</summary>
    public void AddSecret(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 8)
        {
            return;
        }

        lock (_lock)
        {
            if (!_secrets.Contains(value))
            {
                _secrets.Add(value);
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    public IReadOnlyList<string> KnownSecrets
    {
        get { lock (_lock) { return [.. _secrets]; } }
    }

    /// <summary>Masks every registered secret in a text.</summary>
    public string Mask(string text)
    {
        foreach (var s in KnownSecrets)
        {
            text = SecretMask.MaskIn(text, s);
            var escaped = Uri.EscapeDataString(s);
            if (escaped != s)
            {
                text = SecretMask.MaskIn(text, escaped);
            }
        }

        return text;
    }

    public string Describe(ProbeRequest r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Method).Append(' ').Append(Mask(r.Uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped)));
        if (r.Label is not null)
        {
            sb.Append(" (").Append(r.Label).Append(')');
        }

        return sb.ToString();
    }

    public string DescribeFull(ProbeRequest r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Method).Append(' ').Append(Mask(r.Uri.AbsoluteUri));
        foreach (var h in r.Headers)
        {
            sb.Append(" | ").Append(h.Key).Append(": ").Append(Mask(h.Value));
        }

        if (r.Body is not null)
        {
            sb.Append(" | body ").Append(r.Body.Length).Append(" chars");
        }

        if (r.Label is not null)
        {
            sb.Append(" | ").Append(r.Label);
        }

        return sb.ToString();
    }

    public string MaskedUrl(Uri u) => Mask(u.AbsoluteUri);

    public bool HostAllowed(Uri u) => (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && _allowedHosts.Contains(u.Host);

    public void WarnOnce(string input, string message)
    {
        lock (_lock)
        {
            if (!_warned.Add(input + "\u001f" + message))
            {
                return;
            }
        }

        _sink.Warn(input, message);
    }

    /// <summary>Sends a request; null when it was not sent (dry run, budget, disallowed method/host, stopped target).</summary>
    public async Task<ProbeResponse?> SendAsync(ProbeRequest request, CancellationToken ct = default)
    {
        if (!request.UserNamed && !_o.MethodAllowed(request.Method))
        {
            WarnOnce(_o.Target.GetLeftPart(UriPartial.Authority), $"{request.Method} requests skipped (only GET, HEAD and OPTIONS unless named with --method {request.Method})");
            return null;
        }

        if (!HostAllowed(request.Uri))
        {
            WarnOnce(request.Uri.GetLeftPart(UriPartial.Authority), "not contacted: only the target host (and --allow-host hosts) are probed");
            return null;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { request.Uri.AbsoluteUri };
        var redirects = new List<string>();
        var current = request;
        while (true)
        {
            var resp = await SendWithRetryAsync(current, ct).ConfigureAwait(false);
            if (resp is null)
            {
                return null;
            }

            if (!request.FollowRedirects || resp.Status is < 300 or >= 400 || resp.Header("Location") is not { } loc)
            {
                return redirects.Count == 0 ? resp : resp with { Redirects = redirects, Request = request };
            }

            if (!Uri.TryCreate(resp.Uri, loc, out var next))
            {
                return resp;
            }

            redirects.Add(loc);
            if (!HostAllowed(next))
            {
                WarnOnce(Mask(request.Uri.AbsoluteUri), $"redirect to another host not followed: {Mask(next.GetLeftPart(UriPartial.Path))}");
                return resp with { Redirects = redirects, Request = request };
            }

            if (!visited.Add(next.AbsoluteUri) || redirects.Count > 5)
            {
                WarnOnce(Mask(request.Uri.AbsoluteUri), $"redirect loop or too many redirects ({redirects.Count}); stopped following");
                return resp with { Redirects = redirects, Request = request };
            }

            current = request with { Method = request.Method == "HEAD" ? "HEAD" : "GET", Uri = next, Body = null };
        }
    }

    private bool TakeBudget(ProbeRequest request)
    {
        lock (_lock)
        {
            var used = _o.DryRun ? Stats.Planned : Stats.Sent;
            if (Stopped)
            {
                return false;
            }

            if (!_o.DryRun && _clock.Elapsed > _o.MaxDuration)
            {
                StoppedReason = $"time limit of {_o.MaxDuration.TotalSeconds:0}s reached";
                _sink.Warn(_o.Target.GetLeftPart(UriPartial.Authority), $"{StoppedReason}: later checks were skipped (raise it with --max-time)");
                return false;
            }

            if (used >= _o.Budget)
            {
                Stats.SkippedByBudget++;
                if (!BudgetExhausted)
                {
                    BudgetExhausted = true;
                    _sink.Warn(_o.Target.GetLeftPart(UriPartial.Authority), $"request budget of {_o.Budget} reached: later checks were skipped (raise it with --budget)");
                }

                return false;
            }

            if (_o.DryRun)
            {
                Stats.Planned++;
                Plan.Add(DescribeFull(request));
            }
            else
            {
                Stats.Sent++;
            }

            return true;
        }
    }

    private async Task<ProbeResponse?> SendWithRetryAsync(ProbeRequest request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!TakeBudget(request))
            {
                return null;
            }

            if (_o.DryRun)
            {
                _o.DryRunLog?.Invoke(DescribeFull(request));
                return null;
            }

            await WaitForSlotAsync(ct).ConfigureAwait(false);
            var resp = await SendOnceAsync(request, ct).ConfigureAwait(false);
            var retryAfter = resp.Header("Retry-After");
            if ((resp.Status == 429 || (resp.Status == 503 && retryAfter is not null)) && attempt < 3)
            {
                var delay = ParseRetryAfter(retryAfter) ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                if (delay > _o.MaxBackoff)
                {
                    delay = _o.MaxBackoff;
                }

                lock (_lock)
                {
                    Stats.BackOffs++;
                    // Slow down for the rest of the probe too.
                    _intervalMs = Math.Max(_intervalMs * 2, 200);
                }

                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }

            Responded?.Invoke(resp);
            return resp;
        }
    }

    public static TimeSpan? ParseRetryAfter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
        {
            return TimeSpan.FromSeconds(Math.Max(0, s));
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
        {
            var wait = d - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private async Task WaitForSlotAsync(CancellationToken ct)
    {
        if (_intervalMs <= 0)
        {
            return;
        }

        TimeSpan wait;
        await _rateLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = Stopwatch.GetTimestamp();
            var slot = Math.Max(now, _nextSlotTicks);
            _nextSlotTicks = slot + (long)(_intervalMs * Stopwatch.Frequency / 1000.0);
            wait = Stopwatch.GetElapsedTime(now, slot);
        }
        finally
        {
            _rateLock.Release();
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
    }

    private async Task<ProbeResponse> SendOnceAsync(ProbeRequest request, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_o.RequestTimeout);
        using var msg = new HttpRequestMessage(new HttpMethod(request.Method), request.Uri);
        foreach (var h in request.Headers)
        {
            msg.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        if (request.Body is not null)
        {
            msg.Content = new StringContent(request.Body, Encoding.UTF8);
            msg.Content.Headers.Remove("Content-Type");
            msg.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        var headers = new List<KeyValuePair<string, string>>();
        var status = 0;
        var bodyBytes = new MemoryStream();
        var truncated = false;
        try
        {
            using var resp = await _http.SendAsync(msg, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            status = (int)resp.StatusCode;
            foreach (var h in resp.Headers.Concat(resp.Content.Headers))
            {
                foreach (var v in h.Value)
                {
                    headers.Add(new(h.Key, v));
                }
            }

            if (request.Method != "HEAD")
            {
                truncated = await ReadCappedAsync(resp, bodyBytes, cts.Token).ConfigureAwait(false);
            }

            lock (_lock)
            {
                _consecutiveFailures = 0;
                Stats.ByStatus[status] = Stats.ByStatus.GetValueOrDefault(status) + 1;
                Stats.BytesRead += bodyBytes.Length;
                if (truncated)
                {
                    Stats.Truncated++;
                }
            }
        }
        catch (HttpRequestException e)
        {
            return Fail(request, sw, Explain(e), e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ConnectionError);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            if (status != 0)
            {
                // Headers came, the body did not finish in time: keep what was read.
                lock (_lock)
                {
                    Stats.Truncated++;
                    Stats.Timeouts++;
                }

                WarnOnce(Mask(request.Uri.GetLeftPart(UriPartial.Path)), $"response body not complete within {_o.RequestTimeout.TotalSeconds:0.#}s; kept the first {bodyBytes.Length} bytes");
                truncated = true;
            }
            else
            {
                lock (_lock)
                {
                    Stats.Timeouts++;
                }

                return Fail(request, sw, $"no response within {_o.RequestTimeout.TotalSeconds:0.#}s", fatal: false);
            }
        }
        catch (IOException e)
        {
            return Fail(request, sw, "connection broken: " + e.Message, fatal: false);
        }

        return new ProbeResponse
        {
            Request = request,
            Uri = request.Uri,
            Status = status,
            Headers = headers,
            Body = DecodeBody(bodyBytes),
            Truncated = truncated,
            Elapsed = sw.Elapsed,
        };
    }

    private static string DecodeBody(MemoryStream bytes)
    {
        if (bytes.Length == 0)
        {
            return "";
        }

        return new UTF8Encoding(false, false).GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <returns>true when the body was cut at the byte cap or by a stalled read.</returns>
    private async Task<bool> ReadCappedAsync(HttpResponseMessage resp, MemoryStream into, CancellationToken ct)
    {
        await using var stream = await resp.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int n;
            using (var readCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                readCts.CancelAfter(_o.ReadTimeout);
                try
                {
                    n = await stream.ReadAsync(buffer, readCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    WarnOnce(Mask(resp.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path) ?? ""), $"response body stalled (no bytes for {_o.ReadTimeout.TotalSeconds:0.#}s); kept the first {into.Length} bytes");
                    lock (_lock)
                    {
                        Stats.Timeouts++;
                    }

                    return true;
                }
            }

            if (n == 0)
            {
                return false;
            }

            var room = _o.MaxResponseBytes - (int)into.Length;
            into.Write(buffer, 0, Math.Min(n, room));
            if (n >= room)
            {
                WarnOnce(Mask(resp.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path) ?? ""), $"response larger than {_o.MaxResponseBytes} bytes; read only the first {_o.MaxResponseBytes}");
                return true;
            }
        }
    }

    private ProbeResponse Fail(ProbeRequest request, Stopwatch sw, string error, bool fatal)
    {
        var isTarget = Authority(request.Uri) == _targetAuthority;
        lock (_lock)
        {
            Stats.Failed++;
            _consecutiveFailures++;
            if (isTarget && StoppedReason is null && (fatal || _consecutiveFailures >= _o.MaxConsecutiveFailures))
            {
                StoppedReason = error;
            }
        }

        var where = Mask(request.Uri.GetLeftPart(UriPartial.Path));
        if (isTarget && StoppedReason == error)
        {
            WarnOnce(Mask(_o.Target.GetLeftPart(UriPartial.Authority)), $"{error}; probe stopped (no further requests)");
        }
        else
        {
            WarnOnce(where, error);
        }

        return new ProbeResponse { Request = request, Uri = request.Uri, Error = error, Elapsed = sw.Elapsed };
    }

    private static string Explain(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "DNS lookup failed" + (inner is null ? "" : $" ({inner})"),
            HttpRequestError.ConnectionError => "connection failed" + (inner is null ? "" : $" ({inner})"),
            HttpRequestError.SecureConnectionError => "TLS handshake failed" + (inner is null ? "" : $" ({inner}); use --insecure only for a test host you trust"),
            HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "invalid HTTP response" + (inner is null ? "" : $" ({inner})"),
            HttpRequestError.ConfigurationLimitExceeded => "response headers too large",
            _ => e.Message,
        };
    }

    private static string Authority(Uri u) => u.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public void Dispose()
    {
        _http.Dispose();
        _rateLock.Dispose();
    }
}
