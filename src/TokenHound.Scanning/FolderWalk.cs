using System.Runtime.ExceptionServices;
using TokenHound.Core;

namespace TokenHound.Scanning;

/// <summary>
/// <c>--jobs N</c> over folders: the workers walk the tree themselves. Each takes the newest item from one shared stack,
/// either a file (read and analysed) or a folder (listed; its files and subfolders pushed, files on top, so a worker
/// reads the files of the folder it has just listed while the other may take the next one).
/// </summary>
/// <remarks>
/// This replaced a walker thread feeding the workers through a queue. There were three busy threads on two cores, and a
/// handoff per file. On the npm benchmark tree the workers then used about a quarter more CPU than one thread doing
/// the same work alone. A walk done up front followed by the same parallel loop did not show it. See docs/benchmarks.md.
/// </remarks>
internal sealed class FolderWalk(ScanOptions options, IFindingSink sink, CancellationToken ct)
{
    private readonly Stack<Item> _items = new();
    private readonly object _gate = new(); // Monitor.Wait needs an object, not a Lock
    private int _pending; // items on the stack or being worked on
    private int _waiting;
    private bool _stopped;
    private ExceptionDispatchInfo? _error;

    /// <summary>Walks every root with <paramref name="jobs"/> workers; <paramref name="scanFile"/> gets (abs, rel, root, maybeLink).</summary>
    public void Run(IReadOnlyList<string> roots, int jobs, Action<string, string, string, bool> scanFile)
    {
        foreach (var root in roots)
        {
            _items.Push(new Item(root, FileSource.RootFolder(root, options), null, null, false));
        }

        _pending = roots.Count;
        var others = new Task[Math.Max(0, jobs - 1)];
        for (var i = 0; i < others.Length; i++)
        {
            others[i] = Task.Factory.StartNew(() => Work(scanFile), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Work(scanFile);
        Task.WaitAll(others);
        _error?.Throw();
    }

    private void Work(Action<string, string, string, bool> scanFile)
    {
        var files = new List<(string Abs, string Rel, bool Link)>();
        var dirs = new List<FileSource.Folder>();
        var listing = new List<(string Name, EntryKind Kind)>();
        var finished = false;
        while (Next(ref finished, out var item))
        {
            try
            {
                ct.ThrowIfCancellationRequested();
                if (item.Folder is { } folder)
                {
                    FileSource.Expand(folder, item.Root, options, sink, files, dirs, listing);
                    Push(item.Root, files, dirs);
                }
                else
                {
                    scanFile(item.Abs!, item.Rel!, item.Root, item.Link);
                }

                finished = true;
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }
        }
    }

    /// <summary>Marks the previous item done (when <paramref name="finished"/>) and takes the next; false when all is done.</summary>
    private bool Next(ref bool finished, out Item item)
    {
        lock (_gate)
        {
            if (finished)
            {
                finished = false;
                if (--_pending == 0 && _waiting > 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }

            while (true)
            {
                if (_stopped)
                {
                    item = default;
                    return false;
                }

                if (_items.TryPop(out item))
                {
                    return true;
                }

                if (_pending == 0)
                {
                    return false;
                }

                _waiting++;
                Monitor.Wait(_gate);
                _waiting--;
            }
        }
    }

    private void Push(string root, List<(string Abs, string Rel, bool Link)> files, List<FileSource.Folder> dirs)
    {
        if (files.Count + dirs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = dirs.Count - 1; i >= 0; i--)
            {
                _items.Push(new Item(root, dirs[i], null, null, false));
            }

            for (var i = files.Count - 1; i >= 0; i--)
            {
                _items.Push(new Item(root, null, files[i].Abs, files[i].Rel, files[i].Link));
            }

            _pending += files.Count + dirs.Count;
            if (_waiting > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Fail(Exception e)
    {
        lock (_gate)
        {
            _error ??= ExceptionDispatchInfo.Capture(e);
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    private readonly record struct Item(string Root, FileSource.Folder? Folder, string? Abs, string? Rel, bool Link);
}
