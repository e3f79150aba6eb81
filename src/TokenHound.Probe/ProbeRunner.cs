using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Probe;

/// <summary>The outcome of a probe: the shared report plus the score (for --fail-below).</summary>
public sealed record ProbeResult(ScanReport Report, ProbeScore Score);

/// <summary>
/// Black-box probe of one API: discovery, baselines, then the checks in priority order (unauthenticated access, JWT
/// validation, CORS, reflection, token exposure, error leakage, LLM endpoints), passive checks on every response, a score.
/// </summary>
public sealed partial class ProbeRunner : IDisposable
{
    private ProbeOptions _o;
    private readonly FindingCollector _sink = new();
    private readonly ProbeClient _http;
    private readonly SecretsEngine _engine;
    private readonly HashSet<string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tested = new(StringComparer.Ordinal);
    private readonly Dictionary<ProbeEndpoint, Baseline> _baselines = [];
    private readonly List<ReportSection> _sections = [];
    private readonly string _runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private List<ProbeEndpoint> _endpoints = [];
    private Jwt? _jwt;

    private sealed record Baseline(string Method, ProbeResponse Anon, ProbeResponse? Auth);

    public ProbeRunner(ProbeOptions options, SecretsEngine? engine = null)
    {
        _o = options;
        _engine = engine ?? new SecretsEngine();
        _http = new ProbeClient(options, _sink);
        _http.Responded += Passive;
    }

    public static ProbeResult Run(ProbeOptions options, CancellationToken ct = default)
    {
        using var runner = new ProbeRunner(options);
        return runner.RunAsync(ct).GetAwaiter().GetResult();
    }

    public async Task<ProbeResult> RunAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await RunChecksAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _sink.Warn(Target, "probe cancelled");
        }

        sw.Stop();
        var findings = FindingOrder.Sort(_sink.Findings);
        var score = ProbeScore.Compute(findings, _tested);
        var report = new ScanReport
        {
            Command = "probe",
            Target = _o.Target.AbsoluteUri,
            Findings = findings,
            Warnings = _sink.Warnings,
            Duration = sw.Elapsed,
            Rules = [.. ProbeRules.All],
        };
        var st = _http.Stats;
        report.Stats["requests"] = st.Sent;
        report.Stats["budget"] = _o.Budget;
        report.Stats["endpoints"] = _endpoints.Count;
        report.Stats["durationMs"] = (long)sw.Elapsed.TotalMilliseconds;
        report.Stats["failedRequests"] = st.Failed;
        report.Stats["timeouts"] = st.Timeouts;
        report.Stats["backoffs"] = st.BackOffs;
        report.Stats["truncatedResponses"] = st.Truncated;
        report.Stats["bytesRead"] = st.BytesRead;
        if (_o.DryRun)
        {
            report.Stats["plannedRequests"] = st.Planned;
        }

        report.Sections.AddRange(score.Sections());
        report.Sections.Add(StatsSection(sw.Elapsed));
        report.Sections.AddRange(_sections);
        if (_o.DryRun)
        {
            report.Sections.Add(new ReportSection(
                "Dry run: requests that would be sent",
                ["#", "Request"],
                [.. _http.Plan.Select((p, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), p])])
            {
                Note = "Nothing was sent. Requests that depend on earlier responses (the OpenAPI document found by discovery, unauthenticated-access follow-ups, JWKS keys, redirects, linked scripts) are not listed.",
            });
        }

        return new ProbeResult(report, score);
    }

    private string Target => _o.Target.GetLeftPart(UriPartial.Authority);

    private bool HasCredentials => _o.Token is not null || _o.Cookies.Count > 0;

    private bool CanContinue => !_http.Stopped && !_http.BudgetExhausted;

    private ReportSection StatsSection(TimeSpan elapsed)
    {
        var st = _http.Stats;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Requests sent", st.Sent.ToString(CultureInfo.InvariantCulture) },
            new[] { "Request budget", _o.Budget.ToString(CultureInfo.InvariantCulture) + (st.SkippedByBudget > 0 ? $" (reached; {st.SkippedByBudget} requests skipped)" : "") },
            new[] { "Rate limit", _o.Rate > 0 ? $"{_o.Rate.ToString("0.##", CultureInfo.InvariantCulture)} requests/s" : "none" },
            new[] { "Duration", $"{elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s" },
            new[] { "Endpoints probed", _endpoints.Count.ToString(CultureInfo.InvariantCulture) },
            new[] { "Responses by status", st.ByStatus.Count == 0 ? "-" : string.Join(", ", st.ByStatus.Select(kv => $"{kv.Key}: {kv.Value}")) },
            new[] { "Failed requests / timeouts", $"{st.Failed} / {st.Timeouts}" },
            new[] { "Back-offs (429 / Retry-After)", st.BackOffs.ToString(CultureInfo.InvariantCulture) },
            new[] { "Truncated responses", st.Truncated.ToString(CultureInfo.InvariantCulture) },
            new[] { "Bytes read", st.BytesRead.ToString(CultureInfo.InvariantCulture) },
        };
        if (_o.DryRun)
        {
            rows.Insert(1, ["Requests planned (dry run)", st.Planned.ToString(CultureInfo.InvariantCulture)]);
        }

        if (_http.StoppedReason is { } r)
        {
            rows.Add(["Stopped early", r]);
        }

        return new ReportSection("Probe statistics", ["Measure", "Value"], rows);
    }

    private async Task RunChecksAsync(CancellationToken ct)
    {
        await LoginAsync(ct).ConfigureAwait(false);
        ParseTokens();
        OfflineJwtChecks();
        await DiscoverAsync(ct).ConfigureAwait(false);
        await BaselinesAsync(ct).ConfigureAwait(false);
        await JwtChecksAsync(ct).ConfigureAwait(false);
        await CorsAsync(ct).ConfigureAwait(false);
        await ReflectionAsync(ct).ConfigureAwait(false);
        await ExposureAsync(ct).ConfigureAwait(false);
        await ErrorProbesAsync(ct).ConfigureAwait(false);
        await LlmAsync(ct).ConfigureAwait(false);
    }

    private void ParseTokens()
    {
        if (_o.Token is { } t)
        {
            RegisterSent(t.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? t[7..].Trim() : t, _tokenCookie is null ? "Authorization (your token)" : $"cookie {_tokenCookie} (your token)");
            if (Jwt.TryParse(t, out var jwt, out var err))
            {
                _jwt = jwt;
            }
            else
            {
                _sink.Warn(TokenSource, $"{err}: JWT checks skipped; the token is still sent as an opaque {(_tokenCookie is null ? "bearer token" : "cookie")}");
            }
        }
    }

    private IEnumerable<KeyValuePair<string, string>> CredentialHeaders()
    {
        if (_o.Token is { } t && _tokenCookie is null)
        {
            yield return ProbeRequest.Bearer(t.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? t[7..].Trim() : t);
        }

        if (_o.Cookies.Count > 0)
        {
            yield return ProbeRequest.H("Cookie", string.Join("; ", _o.Cookies));
        }
    }

    private void Tested(string family, string how)
    {
        if (!_tested.ContainsKey(family))
        {
            _tested[family] = how;
        }
    }

    private Task<ProbeResponse?> SendAsync(ProbeRequest r, CancellationToken ct) => _http.SendAsync(r, ct);

    /// <summary>Adds a finding once per fingerprint.</summary>
    private void Report(RuleInfo rule, Uri url, ProbeResponse? resp, string key, string message, string evidence,
        Severity? severity = null, Confidence? confidence = null, Dictionary<string, string>? props = null, string? secret = null, string? request = null)
    {
        var fp = secret is not null ? Fingerprints.ForSecret(rule.Id, secret) : Fingerprints.ForConstruct(rule.Id, Target.ToLowerInvariant(), key);
        lock (_fingerprints)
        {
            if (!_fingerprints.Add(fp))
            {
                return;
            }
        }

        _sink.Add(new Finding
        {
            Rule = rule,
            Severity = severity ?? rule.Severity,
            Confidence = confidence ?? rule.Confidence,
            Title = rule.Title,
            Message = _http.Mask(message),
            Location = new Location
            {
                Url = _http.MaskedUrl(url),
                Request = request ?? (resp is null ? null : _http.Describe(resp.Request) + (resp.Status > 0 ? $" → {resp.Status}" : "")),
            },
            Evidence = _http.Mask(evidence),
            Fingerprint = fp,
            Secret = secret,
            Properties = props ?? Finding.EmptyProperties,
        });
    }

    private Uri Resolve(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var abs) && (abs.Scheme == Uri.UriSchemeHttp || abs.Scheme == Uri.UriSchemeHttps))
        {
            return abs;
        }

        return new Uri(_o.Target, pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);
    }

    private string Rand() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public void Dispose() => _http.Dispose();
}
