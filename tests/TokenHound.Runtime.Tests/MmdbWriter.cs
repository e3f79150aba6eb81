using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace TokenHound.Runtime.Tests;

/// <summary>
/// Writes a small IPv4 MaxMind DB (format 2.0: binary search tree with 24-bit records, data section, metadata) so the
/// GeoIP checks can be tested with a real .mmdb file read by MaxMind.Db.
/// </summary>
internal sealed class MmdbWriter
{
    private readonly List<(uint Network, int Prefix, Dictionary<string, object> Data)> _entries = [];

    public MmdbWriter Add(string cidr, Dictionary<string, object> data)
    {
        var parts = cidr.Split('/');
        var ip = BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(parts[0]).GetAddressBytes());
        _entries.Add((ip, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), data));
        return this;
    }

    public void Write(string path, string databaseType = "TokenHound-Test-City")
    {
        // Data section.
        var data = new MemoryStream();
        var offsets = new List<int>();
        foreach (var e in _entries)
        {
            offsets.Add((int)data.Length);
            Encode(data, e.Data);
        }

        // Tree: node = (left, right); -1 = empty, -2-k = data k, >= 0 = node.
        var nodes = new List<int[]> { new[] { -1, -1 } };
        for (var k = 0; k < _entries.Count; k++)
        {
            var (net, prefix, _) = _entries[k];
            var node = 0;
            for (var bit = 0; bit < prefix; bit++)
            {
                var b = (int)((net >> (31 - bit)) & 1);
                if (bit == prefix - 1)
                {
                    nodes[node][b] = -2 - k;
                }
                else
                {
                    if (nodes[node][b] < 0)
                    {
                        nodes.Add([-1, -1]);
                        nodes[node][b] = nodes.Count - 1;
                    }

                    node = nodes[node][b];
                }
            }
        }

        var nodeCount = nodes.Count;
        using var f = File.Create(path);
        foreach (var n in nodes)
        {
            foreach (var rec in n)
            {
                var v = rec >= 0 ? rec : rec == -1 ? nodeCount : nodeCount + 16 + offsets[-2 - rec];
                f.WriteByte((byte)(v >> 16));
                f.WriteByte((byte)(v >> 8));
                f.WriteByte((byte)v);
            }
        }

        f.Write(new byte[16]);
        data.Position = 0;
        data.CopyTo(f);
        f.Write([0xAB, 0xCD, 0xEF]);
        f.Write("MaxMind.com"u8);
        var meta = new MemoryStream();
        Encode(meta, new Dictionary<string, object>
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = (ulong)1700000000,
            ["database_type"] = databaseType,
            ["description"] = new Dictionary<string, object> { ["en"] = "TokenHound test database" },
            ["ip_version"] = (ushort)4,
            ["languages"] = new List<object> { "en" },
            ["node_count"] = (uint)nodeCount,
            ["record_size"] = (ushort)24,
        });
        meta.Position = 0;
        meta.CopyTo(f);
    }

    private static void Control(Stream s, int type, int size)
    {
        if (size >= 29)
        {
            throw new NotSupportedException("sizes over 28 are not needed here");
        }

        if (type <= 7)
        {
            s.WriteByte((byte)((type << 5) | size));
        }
        else
        {
            s.WriteByte((byte)size);
            s.WriteByte((byte)(type - 7));
        }
    }

    private static void Encode(Stream s, object value)
    {
        switch (value)
        {
            case string str:
                var b = Encoding.UTF8.GetBytes(str);
                Control(s, 2, b.Length);
                s.Write(b);
                break;
            case double d:
                Control(s, 3, 8);
                var db = new byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(db, d);
                s.Write(db);
                break;
            case ushort u16:
                Unsigned(s, 5, u16);
                break;
            case uint u32:
                Unsigned(s, 6, u32);
                break;
            case ulong u64:
                Unsigned(s, 9, u64);
                break;
            case bool bo:
                Control(s, 14, bo ? 1 : 0);
                break;
            case Dictionary<string, object> map:
                Control(s, 7, map.Count);
                foreach (var (k, v) in map)
                {
                    Encode(s, k);
                    Encode(s, v);
                }

                break;
            case List<object> list:
                Control(s, 11, list.Count);
                foreach (var v in list)
                {
                    Encode(s, v);
                }

                break;
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }

    private static void Unsigned(Stream s, int type, ulong v)
    {
        var bytes = new List<byte>();
        while (v > 0)
        {
            bytes.Insert(0, (byte)v);
            v >>= 8;
        }

        Control(s, type, bytes.Count);
        s.Write(bytes.ToArray());
    }
}
