using System.Runtime.InteropServices;

namespace TokenHound.Core;

/// <summary>
/// FIFOs, sockets and devices look like empty files to .NET (<see cref="FileInfo.Exists"/> is true, the length 0), but
/// opening a FIFO for reading blocks until a writer appears: a scan would hang on it. The file type comes from the
/// runtime's own native shim (the <c>stat</c> behind <see cref="FileInfo"/>), asked only for zero-length files.
/// </summary>
public static partial class SpecialFiles
{
    private const int TypeMask = 0xF000;   // PAL_S_IFMT
    private const int RegularFile = 0x8000; // PAL_S_IFREG
    private const int Directory = 0x4000;   // PAL_S_IFDIR

    private static bool _unavailable;

    /// <summary>True when the path (links followed) exists and is neither a regular file nor a folder.</summary>
    public static bool IsSpecial(string path)
    {
        if (_unavailable || OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            // FileStatus of System.Native: int32 Flags, int32 Mode, then ids, sizes and times; 256 bytes is ample.
            Span<byte> status = stackalloc byte[256];
            if (Stat(path, ref MemoryMarshal.GetReference(status)) != 0)
            {
                return false;
            }

            var type = MemoryMarshal.Read<int>(status[4..]) & TypeMask;
            return type != RegularFile && type != Directory;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);
}
