using System.Collections.Concurrent;
using TokenHound.Core;
using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets;

/// <summary>
/// <c>--verify</c>: checks every AWS key pair a scan found (key id + secret access key, and for a temporary ASIA key the
/// session token found near it) with a live STS GetCallerIdentity, once per distinct credential, and records the answer
/// on the findings: a live key becomes critical with the caller ARN; a rejected key drops to medium (it still has to be
/// removed from where it leaked, but it no longer opens anything).
/// </summary>
public static class CredentialVerification
{
    /// <summary>How many lines from a temporary key pair a session token may be to be sent with it.</summary>
    public const int SessionTokenLines = 10;

    public static async Task<List<Finding>> ApplyAsync(IReadOnlyList<Finding> findings, AwsKeyVerifier verifier, int maxParallel = 4, CancellationToken ct = default)
    {
        var requests = new Dictionary<Finding, (string KeyId, string Secret, string? Token)>(ReferenceEqualityComparer.Instance);
        var skipped = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        foreach (var f in findings)
        {
            if (f.RuleId != AwsSecretAccessKeyDetector.RuleInfo.Id || f.CredentialId is not { } keyId || f.Secret is not { } secret)
            {
                continue;
            }

            string? token = null;
            if (keyId.StartsWith("ASIA", StringComparison.Ordinal))
            {
                token = NearestSessionToken(findings, f);
                if (token is null)
                {
                    skipped.Add(f);
                    continue;
                }
            }

            requests[f] = (keyId, secret, token);
        }

        var answers = new ConcurrentDictionary<(string, string, string?), AwsKeyVerification>();
        await Parallel.ForEachAsync(requests.Values.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = ct },
            async (r, c) => answers[r] = await verifier.VerifyAsync(r.KeyId, r.Secret, r.Token, c).ConfigureAwait(false)).ConfigureAwait(false);

        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (skipped.Contains(f))
            {
                result.Add(With(f, "skipped", null, " (not verified: a temporary ASIA key needs its session token, and none was found near it)"));
            }
            else if (requests.TryGetValue(f, out var r) && answers.TryGetValue(r, out var a))
            {
                result.Add(Annotate(f, a));
            }
            else
            {
                result.Add(f);
            }
        }

        return result;
    }

    /// <summary>How many distinct credentials <see cref="ApplyAsync"/> would send to STS.</summary>
    public static int Candidates(IEnumerable<Finding> findings) =>
        findings.Where(f => f.RuleId == AwsSecretAccessKeyDetector.RuleInfo.Id && f.CredentialId is not null && f.Secret is not null)
            .Select(f => (f.CredentialId, f.Secret)).Distinct().Count();

    private static Finding Annotate(Finding f, AwsKeyVerification a) => a.Status switch
    {
        AwsKeyStatus.Valid => With(f, "valid", new() { ["callerArn"] = a.Arn ?? "", ["callerAccount"] = a.Account ?? "" },
            $" — VERIFIED LIVE: STS answered as {a.Arn}", Severity.Critical),
        AwsKeyStatus.Invalid => With(f, "invalid", new() { ["verifyError"] = a.ErrorCode ?? "" },
            $" — rejected by STS ({a.ErrorCode}): deactivated, deleted or wrong; still remove it", f.Severity > Severity.Medium ? Severity.Medium : f.Severity),
        _ => With(f, "error", new() { ["verifyError"] = a.ErrorCode ?? a.Message ?? "" }, $" (not verified: {a.ErrorCode ?? a.Message})"),
    };

    private static Finding With(Finding f, string status, Dictionary<string, string>? extra, string messageSuffix, Severity? severity = null)
    {
        var props = new Dictionary<string, string>(f.Properties) { ["verified"] = status };
        foreach (var (k, v) in extra ?? [])
        {
            props[k] = v;
        }

        return f with { Properties = props, Message = f.Message + messageSuffix, Severity = severity ?? f.Severity };
    }

    private static string? NearestSessionToken(IReadOnlyList<Finding> findings, Finding pair) =>
        findings
            .Where(t => t.RuleId == AwsSessionTokenDetector.RuleInfo.Id && t.Secret is not null && t.Location.Path == pair.Location.Path &&
                        t.Location.Commit == pair.Location.Commit && Math.Abs(t.Location.Line - pair.Location.Line) <= SessionTokenLines)
            .OrderBy(t => Math.Abs(t.Location.Line - pair.Location.Line))
            .Select(t => t.Secret)
            .FirstOrDefault();
}
