using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using TokenHound.Core;

namespace TokenHound.Scanning;

/// <summary>
/// Drives the `git` command line. Plumbing only (rev-parse, log --raw, diff-index, cat-file --batch), no pager, no
/// prompts, no optional locks, so it is fast and never blocks. Faster than LibGit2Sharp for history walks because
/// `git log --raw` does the tree diffs in C and `cat-file --batch` streams blobs through one pipe.
/// </summary>
internal static class GitCli
{
    public static ProcessStartInfo StartInfo(string workDir, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("--no-pager");
        psi.ArgumentList.Add("--no-optional-locks");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("core.quotepath=off");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["GIT_PAGER"] = "cat";
        return psi;
    }

    public static Process Start(string workDir, IEnumerable<string> args)
    {
        try
        {
            return Process.Start(StartInfo(workDir, args)) ?? throw new UsageException("cannot start git");
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"git is not installed or not on PATH ({e.Message}); history and staged scans need it");
        }
    }

    /// <summary>Runs git to completion; returns exit code, stdout (trimmed of the final newline) and stderr.</summary>
    public static (int Exit, string Out, string Err) Run(string workDir, params string[] args)
    {
        using var p = Start(workDir, args);
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.TrimEnd('\n'), err.Result.Trim());
    }

    /// <summary>First line of git's stderr, for warnings.</summary>
    public static string FirstLine(string err)
    {
        var s = err.Trim();
        var nl = s.IndexOf('\n');
        return nl < 0 ? s : s[..nl].TrimEnd('\r');
    }
}

/// <summary>A repository located for a history or staged scan.</summary>
internal sealed record GitRepo(string WorkDir, bool IsShallow, bool IsBare)
{
    /// <summary>
    /// Finds the repository at a path. Not a repository → <see cref="UsageException"/>; a repository git cannot
    /// read (garbage in HEAD, broken config) → a warning and null, so the rest of the scan goes on.
    /// </summary>
    public static GitRepo? Open(string path, string option, IFindingSink sink)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new UsageException($"{option} needs a folder in a git repository, not a file: {path}");
        }

        if (!Directory.Exists(full))
        {
            throw new UsageException($"path not found: {path}");
        }

        var (exit, output, err) = GitCli.Run(full, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--git-dir");
        if (exit != 0)
        {
            if (IgnoreStack.FindRepoRoot(full) is not null || LooksLikeBareRepo(full))
            {
                sink.Warn(path, $"corrupt git repository, skipped: {GitCli.FirstLine(err)}");
                return null;
            }

            throw new UsageException($"not a git repository: {path} ({option} scans a git repository; without it, scan the folder's files)");
        }

        var lines = output.Split('\n');
        return new GitRepo(full, IsShallow: lines.Length > 1 && lines[1] == "true", IsBare: lines[0] == "true");
    }

    private static bool LooksLikeBareRepo(string dir) =>
        File.Exists(Path.Combine(dir, "HEAD")) && Directory.Exists(Path.Combine(dir, "objects")) && Directory.Exists(Path.Combine(dir, "refs"));
}

/// <summary>
/// `git cat-file --batch`: blob ids in (from a feeder thread that takes them from a queue while they are still being
/// found), contents out, one pipe each way. When cat-file dies on a corrupt object, the object is reported as
/// <see cref="Status.Corrupt"/> and a new cat-file carries on with the ids that were not answered yet.
/// The content handed out lives in a reused buffer: decode it before the next call.
/// </summary>
internal sealed class BlobReader : IDisposable
{
    private const int MaxRestarts = 200;

    private readonly string _workDir;
    private readonly BlockingCollection<string> _source;
    private readonly CancellationToken _ct;
    private readonly ConcurrentQueue<string> _pending = new();
    private Process? _process;
    private Stream? _out;
    private Task<string>? _err;
    private Thread? _feeder;
    private CancellationTokenSource? _feederCts;
    private int _restarts;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private byte[] _content = new byte[1 << 16];

    public BlobReader(string workDir, BlockingCollection<string> source, CancellationToken ct)
    {
        _workDir = workDir;
        _source = source;
        _ct = ct;
        StartProcess([]);
    }

    public BlobReader(string workDir, IEnumerable<string> oids, CancellationToken ct)
        : this(workDir, Completed(oids), ct)
    {
    }

    public enum Status { Ok, Missing, NotBlob, TooLarge, Corrupt }

    /// <summary>What cat-file printed on stderr before dying, for <see cref="Status.Corrupt"/>.</summary>
    public string LastError { get; private set; } = "";

    /// <summary>True when cat-file failed more often than it is worth restarting it; the rest was not read.</summary>
    public bool GaveUp { get; private set; }

    private static BlockingCollection<string> Completed(IEnumerable<string> oids)
    {
        var c = new BlockingCollection<string>();
        foreach (var o in oids)
        {
            c.Add(o);
        }

        c.CompleteAdding();
        return c;
    }

    private void StartProcess(List<string> leftover)
    {
        _start = _end = 0;
        _process = GitCli.Start(_workDir, ["cat-file", "--batch"]);
        _out = _process.StandardOutput.BaseStream;
        _err = _process.StandardError.ReadToEndAsync(_ct);
        var input = _process.StandardInput;
        input.AutoFlush = false;
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        _feederCts = cts;
        var token = cts.Token;
        _feeder = new Thread(() =>
        {
            try
            {
                foreach (var oid in leftover)
                {
                    _pending.Enqueue(oid);
                    input.Write(oid);
                    input.Write('\n');
                }

                while (true)
                {
                    // Flush while waiting, so cat-file works on what it has while the log is still being read.
                    if (!_source.TryTake(out var oid, 0))
                    {
                        input.Flush();
                        if (!_source.TryTake(out oid, Timeout.Infinite, token))
                        {
                            break;
                        }
                    }

                    _pending.Enqueue(oid);
                    input.Write(oid);
                    input.Write('\n');
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // cat-file died or the scan was cancelled: the reader sees the end of its output.
            }
            finally
            {
                try
                {
                    input.Close();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                }
            }
        })
        { IsBackground = true, Name = "git cat-file feeder" };
        _feeder.Start();
    }

    /// <summary>Reads the next object. False at the end (every id answered, or cat-file cannot go on).</summary>
    public bool Next(long maxSize, out string oid, out Status status, out long size, out ReadOnlySpan<byte> content)
    {
        content = default;
        size = 0;
        status = Status.Missing;
        oid = "";
        var header = ReadLine();
        if (header is null)
        {
            // cat-file ended: normal when every id was answered, a crash on the next object otherwise.
            var error = StopProcess();
            if (_pending.TryDequeue(out var culprit))
            {
                oid = culprit;
                status = Status.Corrupt;
                LastError = error;
                Restart();
                return true;
            }

            if (!_source.IsCompleted)
            {
                // Died between objects with nothing pending (rare): carry on.
                LastError = error;
                Restart();
                return !GaveUp && Next(maxSize, out oid, out status, out size, out content);
            }

            return false;
        }

        _pending.TryDequeue(out _);

        // "<oid> <type> <size>" or "<oid> missing" / "<name> ambiguous".
        var parts = header.Split(' ');
        oid = parts[0];
        if (parts.Length < 3 || !long.TryParse(parts[2], out size))
        {
            status = Status.Missing;
            return true;
        }

        var keep = parts[1] == "blob" && size <= maxSize;
        status = parts[1] != "blob" ? Status.NotBlob : keep ? Status.Ok : Status.TooLarge;
        if (keep && _content.Length < size)
        {
            _content = new byte[Math.Max(size, Math.Min(Array.MaxLength, _content.Length * 2L))];
        }

        // Content plus the trailing LF.
        var remaining = size + 1;
        var written = 0;
        while (remaining > 0)
        {
            if (_start == _end && !Fill())
            {
                // cat-file died in the middle of this object ("unable to stream"): a corrupt object.
                LastError = StopProcess();
                status = Status.Corrupt;
                content = default;
                Restart();
                return true;
            }

            var n = (int)Math.Min(remaining, _end - _start);
            if (keep)
            {
                var toCopy = (int)Math.Min(n, size - written);
                Buffer.BlockCopy(_buffer, _start, _content, written, toCopy);
                written += toCopy;
            }

            _start += n;
            remaining -= n;
        }

        if (keep)
        {
            content = _content.AsSpan(0, (int)size);
        }

        return true;
    }

    private void Restart()
    {
        if (++_restarts > MaxRestarts)
        {
            GaveUp = true;
            return;
        }

        var leftover = new List<string>();
        while (_pending.TryDequeue(out var id))
        {
            leftover.Add(id);
        }

        if (leftover.Count == 0 && _source.IsCompleted)
        {
            GaveUp = false;
            return;
        }

        StartProcess(leftover);
    }

    /// <summary>Stops the feeder and the process; returns what cat-file said on stderr.</summary>
    private string StopProcess()
    {
        _feederCts?.Cancel();
        _feeder?.Join();
        _feederCts?.Dispose();
        _feederCts = null;
        _feeder = null;
        var err = "";
        if (_process is not null)
        {
            try
            {
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                }

                err = _err is { IsCompletedSuccessfully: true } ? _err.Result.Trim() : "";
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }

            _process.Dispose();
            _process = null;
        }

        _out = null;
        _start = _end = 0;
        return err;
    }

    private bool Fill()
    {
        if (_out is null)
        {
            return false;
        }

        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }

        var n = _out.Read(_buffer, _end, _buffer.Length - _end);
        if (n <= 0)
        {
            return false;
        }

        _end += n;
        return true;
    }

    private string? ReadLine()
    {
        var scanFrom = _start;
        while (true)
        {
            var i = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (i >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, i - _start);
                _start = i + 1;
                return line;
            }

            var consumed = _end - _start;
            if (!Fill())
            {
                return null;
            }

            scanFrom = _start + consumed;
        }
    }

    public void Dispose()
    {
        _feederCts?.Cancel();
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }

        _feeder?.Join(5000);
        _feederCts?.Dispose();
        _process?.Dispose();
    }
}
