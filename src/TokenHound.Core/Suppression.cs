using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TokenHound.Core;

/// <summary>A configuration or usage error: the run stops with exit code 2 and this one-line reason.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Inline suppression: <c>tokenhound:ignore</c> or <c>tokenhound:ignore THS001[,THS002]</c> on the line or the line before.</summary>
public static partial class InlineIgnore
{
    public const string Marker = "tokenhound:ignore";

    public static bool IsIgnored(LineMap map, int line, string ruleId) =>
        LineIgnores(map.LineText(line), ruleId) || LineIgnores(map.LineText(line - 1), ruleId);

    public static bool LineIgnores(ReadOnlySpan<char> lineText, string ruleId)
    {
        var i = lineText.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (i < 0)
        {
            return false;
        }

        var rest = lineText[(i + Marker.Length)..];
        var any = false;
        foreach (Match m in RuleIdList().Matches(rest.ToString()))
        {
            foreach (var id in m.Value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                any = true;
                if (id.Equals(ruleId, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return !any;
    }

    [GeneratedRegex(@"^[\s:=]*(TH[SCILTXP]\d{3}([\s,]+TH[SCILTXP]\d{3})*)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RuleIdList();
}

/// <summary>The <c>.tokenhound.yml</c> configuration file.</summary>
public sealed class TokenHoundConfig
{
    /// <summary>Paths to exclude, gitignore-style globs relative to the scanned root.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>Rule ids that do not run / whose findings are dropped.</summary>
    public List<string> Disable { get; set; } = [];

    public AllowConfig Allow { get; set; } = new();

    public TrailConfig Trail { get; set; } = new();

    /// <summary>Where the file was read from (null when defaults).</summary>
    [YamlIgnore]
    public string? Source { get; set; }

    [YamlIgnore]
    public IReadOnlyList<Regex> AllowValueRegexes { get; private set; } = [];

    public static TokenHoundConfig Default => new();

    public static readonly string[] FileNames = [".tokenhound.yml", ".tokenhound.yaml"];

    /// <summary>Finds a config file in <paramref name="root"/> (when it is a folder); returns defaults when there is none.</summary>
    public static TokenHoundConfig Discover(string? root)
    {
        if (root is null || !Directory.Exists(root))
        {
            return Default;
        }

        foreach (var name in FileNames)
        {
            var p = System.IO.Path.Combine(root, name);
            if (File.Exists(p))
            {
                return Load(p);
            }
        }

        return Default;
    }

    public static TokenHoundConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read config {path}: {e.Message}");
        }

        return Parse(text, path);
    }

    public static TokenHoundConfig Parse(string yaml, string source = "<config>")
    {
        TokenHoundConfig cfg;
        try
        {
            var d = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build();
            cfg = d.Deserialize<TokenHoundConfig?>(yaml) ?? new TokenHoundConfig();
        }
        catch (YamlException e)
        {
            var msg = e.InnerException?.Message ?? e.Message;
            throw new UsageException($"invalid config {source} (line {e.Start.Line}): {msg}");
        }

        cfg.Source = source;
        var regexes = new List<Regex>();
        foreach (var v in cfg.Allow.Values)
        {
            try
            {
                regexes.Add(new Regex(v, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"invalid config {source}: allow.values regex '{v}': {e.Message}");
            }
        }

        cfg.AllowValueRegexes = regexes;
        foreach (var id in cfg.Disable)
        {
            if (!Regex.IsMatch(id, @"^TH[SCILTXP]\d{3}$", RegexOptions.IgnoreCase))
            {
                throw new UsageException($"invalid config {source}: disable: '{id}' is not a rule id (THS001 style)");
            }
        }

        return cfg;
    }

    public bool IsDisabled(string ruleId) => Disable.Any(d => d.Equals(ruleId, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the config allowlists this finding (by disabled rule, fingerprint or secret value regex).</summary>
    public bool Allows(Finding f)
    {
        if (IsDisabled(f.RuleId))
        {
            return true;
        }

        if (Allow.Fingerprints.Contains(f.Fingerprint, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (f.Secret is { } s)
        {
            foreach (var r in AllowValueRegexes)
            {
                if (r.IsMatch(s))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

public sealed class AllowConfig
{
    /// <summary>Regexes; a secret whose value matches one is not reported.</summary>
    public List<string> Values { get; set; } = [];

    /// <summary>Finding fingerprints that are accepted.</summary>
    public List<string> Fingerprints { get; set; } = [];
}

/// <summary>Tunables of the CloudTrail detections.</summary>
public sealed class TrailConfig
{
    public List<string> AllowCidrs { get; set; } = [];
    public List<string> AllowAsns { get; set; } = [];
    public List<string> AllowAccounts { get; set; } = [];
    public List<string> AllowRoles { get; set; } = [];

    /// <summary>Window for multi-source use of one key, minutes.</summary>
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Distinct public networks (/24 or /48) for one key within the window before it is reported.</summary>
    public int MultiSourceThreshold { get; set; } = 3;

    /// <summary>Secret reads by one identity within <see cref="HarvestWindowMinutes"/> before it is a burst.</summary>
    public int HarvestThreshold { get; set; } = 20;

    public int HarvestWindowMinutes { get; set; } = 10;
}

/// <summary>A baseline: fingerprints of accepted findings. <c>scan --baseline FILE</c> reports only what is not in it.</summary>
public sealed class Baseline
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; } = CurrentVersion;

    [JsonPropertyName("tool")]
    public string Tool { get; set; } = "tokenhound";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    [JsonPropertyName("findings")]
    public List<BaselineEntry> Findings { get; set; } = [];

    private HashSet<string>? _set;

    public bool Contains(Finding f)
    {
        _set ??= new HashSet<string>(Findings.Select(e => e.Fingerprint), StringComparer.OrdinalIgnoreCase);
        return _set.Contains(f.Fingerprint);
    }

    public static Baseline From(IEnumerable<Finding> findings) => new()
    {
        Findings = [.. findings
            .GroupBy(f => f.Fingerprint)
            .Select(g => g.First())
            .Select(f => new BaselineEntry { Fingerprint = f.Fingerprint, RuleId = f.RuleId, Location = f.Location.Display() })
            .OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Location, StringComparer.Ordinal)],
    };

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    public static Baseline Load(string path)
    {
        try
        {
            var b = JsonSerializer.Deserialize<Baseline>(File.ReadAllText(path), Options)
                ?? throw new UsageException($"invalid baseline {path}: empty");
            if (b.Version != CurrentVersion)
            {
                throw new UsageException($"invalid baseline {path}: version {b.Version} is not supported (expected {CurrentVersion})");
            }

            return b;
        }
        catch (JsonException e)
        {
            throw new UsageException($"invalid baseline {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read baseline {path}: {e.Message}");
        }
    }
}

public sealed class BaselineEntry
{
    [JsonPropertyName("fingerprint")]
    public string Fingerprint { get; set; } = "";

    [JsonPropertyName("ruleId")]
    public string RuleId { get; set; } = "";

    [JsonPropertyName("location")]
    public string Location { get; set; } = "";
}

/// <summary>Applies config and baseline to a list of findings.</summary>
public static class Suppressor
{
    public static (List<Finding> Kept, int Suppressed) Apply(IEnumerable<Finding> findings, TokenHoundConfig config, Baseline? baseline)
    {
        var kept = new List<Finding>();
        var suppressed = 0;
        foreach (var f in findings)
        {
            if (config.Allows(f) || (baseline?.Contains(f) ?? false))
            {
                suppressed++;
            }
            else
            {
                kept.Add(f);
            }
        }

        return (kept, suppressed);
    }
}
