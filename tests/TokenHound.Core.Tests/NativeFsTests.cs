using TokenHound.Core;

namespace TokenHound.Core.Tests;

/// <summary>The native folder listing and file reads against a real temp folder (Linux and macOS only).</summary>
public sealed class NativeFsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("th-nativefs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_listing_gives_every_entry_with_the_kind_the_folder_reports()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.False(NativeFs.TryList(_dir, []));
            return;
        }

        File.WriteAllText(Path.Combine(_dir, "a.txt"), "hello");
        File.WriteAllText(Path.Combine(_dir, "ünïcode name.js"), "x");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.CreateSymbolicLink(Path.Combine(_dir, "link"), Path.Combine(_dir, "a.txt"));
        using (var p = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_dir, "pipe")]))
        {
            p.WaitForExit();
        }

        var entries = new List<(string Name, EntryKind Kind)>();
        Assert.True(NativeFs.TryList(_dir, entries));
        var byName = entries.ToDictionary(e => e.Name, e => e.Kind);
        Assert.Equal(5, byName.Count); // no "." or ".."
        // tmpfs and ext4 report d_type; a file system that does not says Unknown, which the walker then stats.
        Assert.Contains(byName["a.txt"], new[] { EntryKind.File, EntryKind.Unknown });
        Assert.Contains(byName["ünïcode name.js"], new[] { EntryKind.File, EntryKind.Unknown });
        Assert.Contains(byName["sub"], new[] { EntryKind.Directory, EntryKind.Unknown });
        Assert.Contains(byName["link"], new[] { EntryKind.SymbolicLink, EntryKind.Unknown });
        Assert.Contains(byName["pipe"], new[] { EntryKind.Special, EntryKind.Unknown });
    }

    [Fact]
    public void A_missing_folder_is_not_listed()
    {
        var entries = new List<(string Name, EntryKind Kind)> { ("stale", EntryKind.File) };
        Assert.False(NativeFs.TryList(Path.Combine(_dir, "missing"), entries));
        Assert.Empty(entries);
    }

    [Fact]
    public void A_regular_file_is_read_whole_and_in_parts()
    {
        if (!NativeFs.Available)
        {
            return;
        }

        var data = new byte[100_000];
        new Random(7).NextBytes(data);
        var path = Path.Combine(_dir, "data.bin");
        File.WriteAllBytes(path, data);
        Assert.True(NativeFs.TryOpenRegular(path, out var file));
        using (file)
        {
            Assert.Equal(data.Length, file.Length);
            var all = new byte[data.Length + 10];
            Assert.Equal(data.Length, file.ReadFully(all, 0));
            Assert.True(all.AsSpan(0, data.Length).SequenceEqual(data));
            var tail = new byte[100];
            Assert.Equal(100, file.ReadFully(tail, 50_000));
            Assert.True(tail.AsSpan().SequenceEqual(data.AsSpan(50_000, 100)));
        }
    }

    [Fact]
    public void Folders_and_missing_files_are_not_opened()
    {
        if (!NativeFs.Available)
        {
            return;
        }

        Assert.False(NativeFs.TryOpenRegular(_dir, out _));
        Assert.False(NativeFs.TryOpenRegular(Path.Combine(_dir, "missing"), out _));
    }
}
