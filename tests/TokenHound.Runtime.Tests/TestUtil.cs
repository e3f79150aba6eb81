using System.IO.Compression;
using System.Text;
using TokenHound.Cli;

namespace TokenHound.Runtime.Tests;

internal static class TestUtil
{
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    /// <summary>A fresh temporary folder, deleted when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "th-rt-" + Guid.NewGuid().ToString("N")[..12]);

        public TempDir() => Directory.CreateDirectory(Path);

        public string File(string relative, string content)
        {
            var p = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            System.IO.File.WriteAllText(p, content);
            return p;
        }

        public string Gzip(string relative, string content)
        {
            var p = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            System.IO.File.WriteAllBytes(p, GzipBytes(content));
            return p;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static byte[] GzipBytes(string content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            var b = Encoding.UTF8.GetBytes(content);
            gz.Write(b);
        }

        return ms.ToArray();
    }

    public static (int Exit, string Out, string Err) RunCli(params string[] args) => CliWithInput("", args);

    public static (int Exit, string Out, string Err) CliWithInput(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = App.Run(args, new AppConsole(o, e, new StringReader(stdin)));
        return (code, o.ToString(), e.ToString());
    }
}
