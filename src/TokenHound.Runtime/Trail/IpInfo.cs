using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TokenHound.Core;

namespace TokenHound.Runtime.Trail;

public enum SourceKind
{
    /// <summary>No sourceIPAddress.</summary>
    Missing,

    /// <summary>A public IPv4 or IPv6 address.</summary>
    Public,

    /// <summary>RFC 1918, loopback, link-local, CGNAT, ULA: a call through a VPC endpoint or from inside a network.</summary>
    Private,

    /// <summary>An AWS service name ("ec2.amazonaws.com") or "AWS Internal".</summary>
    Service,

    /// <summary>Not an address (anonymized data such as 255.090.254.5).</summary>
    Invalid,
}

/// <summary>What the detections need to know about a source address.</summary>
public sealed record IpInfo(SourceKind Kind, string? Network, bool IsV6, bool InAws, bool Allowed)
{
    public GeoInfo? Geo { get; init; }
}

/// <summary>A range of addresses (inclusive), IPv4 mapped into the IPv6 space so that one sorted list serves both.</summary>
public readonly record struct IpRange(UInt128 Start, UInt128 End);

/// <summary>A sorted, merged set of CIDR ranges with binary-search lookup.</summary>
public sealed class CidrSet
{
    private readonly IpRange[] _ranges;

    public CidrSet(IEnumerable<IpRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var merged = new List<IpRange>();
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1 && merged[^1].End != UInt128.MaxValue)
            {
                var last = merged[^1];
                merged[^1] = new IpRange(last.Start, r.End > last.End ? r.End : last.End);
            }
            else
            {
                merged.Add(r);
            }
        }

        _ranges = [.. merged];
    }

    public static CidrSet Empty { get; } = new([]);

    public int Count => _ranges.Length;

    public bool Contains(UInt128 address)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = _ranges[mid];
            if (address < r.Start)
            {
                hi = mid - 1;
            }
            else if (address > r.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses "203.0.113.0/24", "2001:db8::/32" or a single address.</summary>
    public static bool TryParseCidr(string text, out IpRange range)
    {
        range = default;
        var slash = text.IndexOf('/');
        var addrText = slash < 0 ? text.Trim() : text[..slash].Trim();
        if (!IpAddresses.TryParse(addrText, out var addr, out var v6))
        {
            return false;
        }

        var bits = v6 ? 128 : 32;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix < 0 || prefix > bits))
        {
            return false;
        }

        var hostBits = bits - prefix;
        var mask = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var start = addr & ~mask;
        range = new IpRange(start, start | mask);
        return true;
    }

    /// <summary>Reads AWS's ip-ranges.json (prefixes[].ip_prefix and ipv6_prefixes[].ipv6_prefix).</summary>
    public static CidrSet LoadAwsIpRanges(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            var ranges = new List<IpRange>();
            if (doc.RootElement.TryGetProperty("prefixes", out var p4) && p4.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in p4.EnumerateArray())
                {
                    if (p.TryGetProperty("ip_prefix", out var ip) && ip.GetString() is { } s && TryParseCidr(s, out var r))
                    {
                        ranges.Add(r);
                    }
                }
            }

            if (doc.RootElement.TryGetProperty("ipv6_prefixes", out var p6) && p6.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in p6.EnumerateArray())
                {
                    if (p.TryGetProperty("ipv6_prefix", out var ip) && ip.GetString() is { } s && TryParseCidr(s, out var r))
                    {
                        ranges.Add(r);
                    }
                }
            }

            if (ranges.Count == 0)
            {
                throw new UsageException($"--ip-ranges {path}: no prefixes found (expected AWS ip-ranges.json)");
            }

            return new CidrSet(ranges);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --ip-ranges {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new UsageException($"invalid --ip-ranges {path}: {e.Message}");
        }
    }
}

/// <summary>Strict address parsing and classification.</summary>
public static class IpAddresses
{
    private static readonly CidrSet PrivateRanges = new(new[]
    {
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8",
        "::1/128", "fc00::/7", "fe80::/10", "::/128",
    }.Select(c => CidrSet.TryParseCidr(c, out var r) ? r : throw new InvalidOperationException(c)));

    /// <summary>
    /// Parses an IPv4 dotted quad strictly (four decimal parts 0–255, no leading zeros: "255.090.254.5" is invalid) or an
    /// IPv6 address. IPv4 maps to ::ffff:a.b.c.d so that both live in one 128-bit space.
    /// </summary>
    public static bool TryParse(string text, out UInt128 value, out bool isV6)
    {
        value = 0;
        isV6 = false;
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var a) || a.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            if (a.IsIPv4MappedToIPv6)
            {
                return TryParse(a.MapToIPv4().ToString(), out value, out isV6);
            }

            Span<byte> b = stackalloc byte[16];
            a.TryWriteBytes(b, out _);
            value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(b);
            isV6 = true;
            return true;
        }

        uint v = 0;
        var parts = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var n = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                n = n * 10 + (text[i] - '0');
                i++;
                if (i - start > 3)
                {
                    return false;
                }
            }

            var len = i - start;
            if (len == 0 || n > 255 || (len > 1 && text[start] == '0'))
            {
                return false;
            }

            v = (v << 8) | (uint)n;
            parts++;
            if (i < text.Length)
            {
                if (text[i] != '.' || parts == 4)
                {
                    return false;
                }

                i++;
                if (i == text.Length)
                {
                    return false;
                }
            }
        }

        if (parts != 4)
        {
            return false;
        }

        value = ((UInt128)0xffff << 32) | v;
        return true;
    }

    public static bool IsPrivate(UInt128 address) => PrivateRanges.Contains(address);

    /// <summary>The network an address belongs to for counting sources: /24 for IPv4, /48 for IPv6.</summary>
    public static string Network(UInt128 address, bool isV6)
    {
        if (!isV6)
        {
            var v = (uint)(address & 0xffffffff);
            return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.0/24";
        }

        var top = (ulong)(address >> 80);
        return $"{(top >> 32) & 0xffff:x}:{(top >> 16) & 0xffff:x}:{top & 0xffff:x}::/48";
    }

    /// <summary>True for "ec2.amazonaws.com", "AWS Internal" and other non-address callers that AWS services use.</summary>
    public static bool IsServiceName(string source) =>
        source.Equals("AWS Internal", StringComparison.OrdinalIgnoreCase) ||
        source.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) ||
        source.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase) ||
        (source.Contains('.') && source.Any(char.IsAsciiLetter) && !source.Contains(':'));
}

/// <summary>Classifies sourceIPAddress values, with a cache (the same addresses repeat all day).</summary>
public sealed class IpClassifier(CidrSet? awsRanges, CidrSet allow, GeoIpDatabase? geo)
{
    private readonly Dictionary<string, IpInfo> _cache = new(StringComparer.Ordinal);

    public bool HasAwsRanges => awsRanges is not null;

    public IpInfo Classify(string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            return Missing;
        }

        if (_cache.TryGetValue(source, out var info))
        {
            return info;
        }

        info = Compute(source);
        if (_cache.Count > 200_000)
        {
            _cache.Clear();
        }

        _cache[source] = info;
        return info;
    }

    private static readonly IpInfo Missing = new(SourceKind.Missing, null, false, false, false);
    private static readonly IpInfo Service = new(SourceKind.Service, null, false, true, false);
    private static readonly IpInfo Invalid = new(SourceKind.Invalid, null, false, false, false);

    private IpInfo Compute(string source)
    {
        if (IpAddresses.TryParse(source, out var a, out var v6))
        {
            if (IpAddresses.IsPrivate(a))
            {
                return new IpInfo(SourceKind.Private, null, v6, false, true);
            }

            var inAws = awsRanges?.Contains(a) ?? false;
            return new IpInfo(SourceKind.Public, IpAddresses.Network(a, v6), v6, inAws, allow.Contains(a))
            {
                Geo = geo?.Lookup(source),
            };
        }

        return IpAddresses.IsServiceName(source) ? Service : Invalid;
    }
}
