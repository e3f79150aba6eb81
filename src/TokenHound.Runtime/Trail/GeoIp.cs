using System.Globalization;
using System.Net;
using MaxMind.Db;
using TokenHound.Core;

namespace TokenHound.Runtime.Trail;

/// <summary>What a MaxMind-format database says about an address (any of GeoLite2/GeoIP2 City, Country, ASN, Anonymous IP).</summary>
public sealed record GeoInfo(string? Country, double? Latitude, double? Longitude, long? Asn, string? AsnOrg, string? Anonymous);

/// <summary>One or more MaxMind-format (.mmdb) databases read with MaxMind.Db; lookups are merged field by field.</summary>
public sealed class GeoIpDatabase : IDisposable
{
    private readonly List<Reader> _readers = [];
    private readonly Lock _lock = new();

    public GeoIpDatabase(IEnumerable<string> paths)
    {
        foreach (var p in paths)
        {
            try
            {
                _readers.Add(new Reader(p, FileAccessMode.Memory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDatabaseException)
            {
                throw new UsageException($"cannot read --geoip {p}: {e.Message}");
            }
        }
    }

    public GeoInfo? Lookup(string address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        string? country = null, org = null, anon = null;
        double? lat = null, lon = null;
        long? asn = null;
        var any = false;
        lock (_lock)
        {
            foreach (var r in _readers)
            {
                Dictionary<string, object>? d;
                try
                {
                    d = r.Find<Dictionary<string, object>>(ip);
                }
                catch (Exception e) when (e is InvalidDatabaseException or InvalidCastException or DeserializationException)
                {
                    continue;
                }

                if (d is null)
                {
                    continue;
                }

                any = true;
                country ??= Path(d, "country", "iso_code") as string ?? Path(d, "registered_country", "iso_code") as string;
                lat ??= Num(Path(d, "location", "latitude"));
                lon ??= Num(Path(d, "location", "longitude"));
                asn ??= Num(Path(d, "autonomous_system_number")) is { } a ? (long)a : null;
                org ??= Path(d, "autonomous_system_organization") as string;
                foreach (var flag in new[] { "is_tor_exit_node", "is_anonymous_vpn", "is_public_proxy", "is_residential_proxy", "is_hosting_provider", "is_anonymous" })
                {
                    if (anon is null && Path(d, flag) is true)
                    {
                        anon = flag["is_".Length..].Replace('_', ' ');
                    }
                }

                if (anon is null && Path(d, "traits", "is_anonymous") is true)
                {
                    anon = "anonymous";
                }
            }
        }

        return any ? new GeoInfo(country, lat, lon, asn, org, anon) : null;
    }

    private static object? Path(Dictionary<string, object> d, params string[] keys)
    {
        object? cur = d;
        foreach (var k in keys)
        {
            if (cur is not Dictionary<string, object> m || !m.TryGetValue(k, out cur))
            {
                return null;
            }
        }

        return cur;
    }

    private static double? Num(object? o) => o switch
    {
        null => null,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        ushort us => us,
        System.Numerics.BigInteger b => (double)b,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    public void Dispose()
    {
        foreach (var r in _readers)
        {
            r.Dispose();
        }
    }

    /// <summary>Great-circle distance in km.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
