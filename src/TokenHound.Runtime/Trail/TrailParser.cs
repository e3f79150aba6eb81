using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Runtime.IO;

namespace TokenHound.Runtime.Trail;

/// <summary>
/// Reads CloudTrail inputs with <see cref="Utf8JsonReader"/> (no DOM): log files (<c>{"Records":[…]}</c>, .json and
/// .json.gz), <c>aws cloudtrail lookup-events</c> output (the record is a JSON string in <c>CloudTrailEvent</c>),
/// JSON lines, and EventBridge events (<c>detail</c>). Not thread-safe: one parser per worker.
/// </summary>
public sealed partial class TrailParser
{
    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal) { "Records", "Events", "NextToken" };
    private static readonly HashSet<string> Arrays = new(StringComparer.Ordinal) { "Records", "Events" };

    private readonly StringPool _pool = new();

    /// <summary>Records that could not be read (not an object, no eventTime).</summary>
    public long Unparsable { get; private set; }

    /// <summary>Parses one input; records go to <paramref name="output"/>. Problems are warnings.</summary>
    public void ParseInput(RuntimeInput input, TextReader? stdin, IFindingSink sink, List<TrailEvent> output)
    {
        using var stream = InputFiles.Open(input, stdin, sink);
        ParseStream(stream, input.Display, sink, output);
    }

    public void ParseStream(Stream stream, string display, IFindingSink sink, List<TrailEvent> output)
    {
        var streamer = new JsonStreamer { EnvelopeKeys = Envelope, ArrayNames = Arrays };
        var ok = streamer.Run(
            stream,
            (ref Utf8JsonReader r, JsonStreamContext c) => Add(ref r, display, output),
            (ref Utf8JsonReader r, JsonStreamContext c) => Add(ref r, display, output),
            out var error);
        if (!ok && stream is not SafeStream { Failed: true })
        {
            sink.Warn(display, error!);
        }
    }

    private void Add(ref Utf8JsonReader r, string display, List<TrailEvent> output)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            // A lookup-events "CloudTrailEvent" string handed out alone (not expected) or a stray string: parse it.
            var e2 = ParseEmbedded(ref r);
            if (e2 is not null)
            {
                e2.File = display;
                output.Add(e2);
            }
            else
            {
                Unparsable++;
            }

            return;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.TrySkip();
            Unparsable++;
            return;
        }

        var e = new TrailEvent { File = display };
        ParseRecord(ref r, e);
        if (!e.HasTime && e.EventName is null)
        {
            Unparsable++;
            return;
        }

        output.Add(e);
    }

    private TrailEvent? ParseEmbedded(ref Utf8JsonReader r)
    {
        var json = r.GetString();
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var inner = new Utf8JsonReader(bytes);
        try
        {
            if (!inner.Read() || inner.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var e = new TrailEvent();
            ParseRecord(ref inner, e);
            return e;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses a record; the reader is on its StartObject and is left on its EndObject.</summary>
    public void ParseRecord(ref Utf8JsonReader r, TrailEvent e)
    {
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.CurrentDepth == depth)
            {
                return; // EndObject
            }

            if (r.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            // Property names are compared as raw bytes (CloudTrail never escapes them): a length check rejects most at once.
            ReadOnlySpan<byte> name = r.ValueIsEscaped || r.HasValueSequence ? Encoding.UTF8.GetBytes(r.GetString()!) : r.ValueSpan;

            if (name.SequenceEqual("eventTime"u8) || name.SequenceEqual("EventTime"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String && r.TryGetDateTime(out var dt))
                {
                    e.Time = dt.Kind == DateTimeKind.Utc ? dt : dt.ToUniversalTime();
                    e.HasTime = true;
                }
                else if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var secs))
                {
                    // lookup-events prints EventTime as epoch seconds.
                    e.Time = DateTime.UnixEpoch.AddSeconds(secs);
                    e.HasTime = true;
                }
            }
            else if (name.SequenceEqual("eventSource"u8))
            {
                e.EventSource = Str(ref r);
            }
            else if (name.SequenceEqual("eventName"u8))
            {
                e.EventName = Str(ref r);
            }
            else if (name.SequenceEqual("awsRegion"u8))
            {
                e.AwsRegion = Str(ref r);
            }
            else if (name.SequenceEqual("sourceIPAddress"u8))
            {
                e.SourceIp = Str(ref r);
            }
            else if (name.SequenceEqual("userAgent"u8))
            {
                e.UserAgent = Str(ref r);
            }
            else if (name.SequenceEqual("eventID"u8))
            {
                e.EventId = Str(ref r, pooled: false);
            }
            else if (name.SequenceEqual("eventType"u8))
            {
                e.EventType = Str(ref r);
            }
            else if (name.SequenceEqual("recipientAccountId"u8))
            {
                e.RecipientAccountId = Str(ref r);
            }
            else if (name.SequenceEqual("vpcEndpointId"u8))
            {
                e.VpcEndpointId = Str(ref r);
            }
            else if (name.SequenceEqual("errorCode"u8))
            {
                e.ErrorCode = Str(ref r);
            }
            else if (name.SequenceEqual("readOnly"u8))
            {
                r.Read();
                e.ReadOnly = r.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("userIdentity"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ParseIdentity(ref r, e);
                }
                else
                {
                    r.TrySkip();
                }
            }
            else if (name.SequenceEqual("requestParameters"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ParseRequest(ref r, e);
                }
                else
                {
                    r.TrySkip();
                }
            }
            else if (name.SequenceEqual("responseElements"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ParseResponse(ref r, e);
                }
                else
                {
                    r.TrySkip();
                }
            }
            else if (name.SequenceEqual("CloudTrailEvent"u8))
            {
                // lookup-events: the record is a JSON string.
                r.Read();
                if (r.TokenType == JsonTokenType.String && ParseEmbedded(ref r) is { } inner)
                {
                    CopyInto(inner, e);
                }
            }
            else if (name.SequenceEqual("detail"u8))
            {
                // EventBridge "AWS API Call via CloudTrail".
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ParseRecord(ref r, e);
                }
                else
                {
                    r.TrySkip();
                }
            }
            else
            {
                r.Read();
                r.TrySkip();
            }
        }
    }

    private static void CopyInto(TrailEvent from, TrailEvent to)
    {
        var file = to.File;
        foreach (var f in typeof(TrailEvent).GetFields())
        {
            f.SetValue(to, f.GetValue(from));
        }

        to.File = file;
    }

    private void ParseIdentity(ref Utf8JsonReader r, TrailEvent e)
    {
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.CurrentDepth == depth)
            {
                return;
            }

            if (r.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            ReadOnlySpan<byte> name = r.ValueIsEscaped || r.HasValueSequence ? Encoding.UTF8.GetBytes(r.GetString()!) : r.ValueSpan;

            if (name.SequenceEqual("type"u8))
            {
                e.IdentityType = Str(ref r);
            }
            else if (name.SequenceEqual("principalId"u8))
            {
                e.PrincipalId = Str(ref r);
            }
            else if (name.SequenceEqual("arn"u8))
            {
                e.Arn = Str(ref r);
            }
            else if (name.SequenceEqual("accountId"u8))
            {
                e.AccountId = Str(ref r);
            }
            else if (name.SequenceEqual("accessKeyId"u8))
            {
                e.AccessKeyId = Str(ref r);
            }
            else if (name.SequenceEqual("invokedBy"u8))
            {
                e.InvokedBy = Str(ref r);
            }
            else if (name.SequenceEqual("userName"u8))
            {
                e.UserName = Str(ref r);
            }
            else if (name.SequenceEqual("sessionContext"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.TrySkip();
                    continue;
                }

                var d2 = r.CurrentDepth;
                while (r.Read() && r.CurrentDepth > d2)
                {
                    if (r.TokenType != JsonTokenType.PropertyName)
                    {
                        continue;
                    }

                    if (r.ValueTextEquals("ec2RoleDelivery"u8))
                    {
                        r.Read();
                        e.Ec2RoleDelivery = r.TokenType == JsonTokenType.String ? Pool(ref r) : r.TokenType == JsonTokenType.Number ? "1" : null;
                        if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            r.TrySkip();
                        }
                    }
                    else if (r.ValueTextEquals("sessionIssuer"u8))
                    {
                        r.Read();
                        if (r.TokenType != JsonTokenType.StartObject)
                        {
                            r.TrySkip();
                            continue;
                        }

                        var d3 = r.CurrentDepth;
                        while (r.Read() && r.CurrentDepth > d3)
                        {
                            if (r.TokenType != JsonTokenType.PropertyName)
                            {
                                continue;
                            }

                            if (r.ValueTextEquals("arn"u8))
                            {
                                e.IssuerArn = Str(ref r);
                            }
                            else if (r.ValueTextEquals("userName"u8))
                            {
                                e.IssuerUserName = Str(ref r);
                            }
                            else if (r.ValueTextEquals("type"u8))
                            {
                                e.IssuerType = Str(ref r);
                            }
                            else
                            {
                                r.Read();
                                r.TrySkip();
                            }
                        }
                    }
                    else
                    {
                        r.Read();
                        r.TrySkip();
                    }
                }
            }
            else
            {
                r.Read();
                r.TrySkip();
            }
        }
    }

    private void ParseRequest(ref Utf8JsonReader r, TrailEvent e)
    {
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.CurrentDepth == depth)
            {
                return;
            }

            if (r.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (r.ValueTextEquals("roleArn"u8))
            {
                e.RequestRoleArn = Str(ref r);
            }
            else if (r.ValueTextEquals("roleSessionName"u8))
            {
                e.RequestRoleSessionName = Str(ref r);
            }
            else if (r.ValueTextEquals("secretId"u8))
            {
                e.RequestSecretId = Str(ref r);
            }
            else if (r.ValueTextEquals("name"u8) || r.ValueTextEquals("path"u8))
            {
                e.RequestName = Str(ref r);
            }
            else if (r.ValueTextEquals("userName"u8))
            {
                e.RequestUserName = Str(ref r);
            }
            else if (r.ValueTextEquals("keyId"u8))
            {
                e.RequestKeyId = Str(ref r);
            }
            else if (r.ValueTextEquals("withDecryption"u8))
            {
                r.Read();
                e.RequestWithDecryption = r.TokenType == JsonTokenType.True ||
                    (r.TokenType == JsonTokenType.String && r.ValueTextEquals("true"u8));
            }
            else if (r.ValueTextEquals("names"u8) || r.ValueTextEquals("secretIdList"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray)
                {
                    r.TrySkip();
                    continue;
                }

                var sb = new StringBuilder();
                var d2 = r.CurrentDepth;
                while (r.Read() && r.CurrentDepth > d2)
                {
                    if (r.TokenType == JsonTokenType.String)
                    {
                        if (sb.Length > 0)
                        {
                            sb.Append('\u001f');
                        }

                        sb.Append(r.GetString());
                    }
                    else if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        r.TrySkip();
                    }
                }

                e.RequestNames = sb.ToString();
            }
            else
            {
                r.Read();
                r.TrySkip();
            }
        }
    }

    private void ParseResponse(ref Utf8JsonReader r, TrailEvent e)
    {
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.CurrentDepth == depth)
            {
                return;
            }

            if (r.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (r.ValueTextEquals("credentials"u8) || r.ValueTextEquals("accessKey"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.TrySkip();
                    continue;
                }

                var d2 = r.CurrentDepth;
                while (r.Read() && r.CurrentDepth > d2)
                {
                    if (r.TokenType != JsonTokenType.PropertyName)
                    {
                        continue;
                    }

                    if (r.ValueTextEquals("accessKeyId"u8))
                    {
                        e.IssuedAccessKeyId = Str(ref r);
                    }
                    else if (r.ValueTextEquals("expiration"u8))
                    {
                        e.IssuedExpiration = Str(ref r, pooled: false);
                    }
                    else
                    {
                        r.Read();
                        r.TrySkip();
                    }
                }
            }
            else if (r.ValueTextEquals("assumedRoleUser"u8) || r.ValueTextEquals("federatedUser"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.TrySkip();
                    continue;
                }

                var d2 = r.CurrentDepth;
                while (r.Read() && r.CurrentDepth > d2)
                {
                    if (r.TokenType != JsonTokenType.PropertyName)
                    {
                        continue;
                    }

                    if (r.ValueTextEquals("arn"u8))
                    {
                        e.AssumedRoleArn = Str(ref r);
                    }
                    else
                    {
                        r.Read();
                        r.TrySkip();
                    }
                }
            }
            else
            {
                r.Read();
                r.TrySkip();
            }
        }
    }

    /// <summary>Reads the value after a property name as a string (null for non-strings, which are skipped).</summary>
    private string? Str(ref Utf8JsonReader r, bool pooled = true)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String)
        {
            return pooled ? Pool(ref r) : r.GetString();
        }

        if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            r.TrySkip();
        }

        return null;
    }

    private string? Pool(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.Length > 256)
        {
            return r.GetString();
        }

        return _pool.Get(r.ValueSpan);
    }

    // ---- file ordering ----

    [GeneratedRegex(@"_CloudTrail(?:-Digest)?_[a-z0-9-]+_(\d{8}T\d{4}Z)_", RegexOptions.CultureInvariant)]
    private static partial Regex FileTime();

    /// <summary>The delivery time in a CloudTrail file name (…_CloudTrail_us-east-1_20240115T1005Z_abc.json.gz), else null.</summary>
    public static DateTime? TimeFromName(string path)
    {
        var m = FileTime().Match(Path.GetFileName(path));
        return m.Success && DateTime.TryParseExact(m.Groups[1].Value, "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
    }

    public static bool IsDigest(string path) => path.Contains("/CloudTrail-Digest/", StringComparison.Ordinal) || path.Contains("_CloudTrail-Digest_", StringComparison.Ordinal);
}

/// <summary>Interns the short strings CloudTrail repeats (event names, sources, regions, IPs, ARNs) without allocating per record.</summary>
internal sealed class StringPool
{
    private const int Size = 1 << 14;
    private readonly byte[]?[] _keys = new byte[Size][];
    private readonly string?[] _values = new string[Size];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        uint hash = 2166136261;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619;
        }

        var h = (int)(hash & (Size - 1));
        var k = _keys[h];
        if (k is not null && utf8.SequenceEqual(k))
        {
            return _values[h]!;
        }

        var s = Encoding.UTF8.GetString(utf8);
        _keys[h] = utf8.ToArray();
        _values[h] = s;
        return s;
    }
}
