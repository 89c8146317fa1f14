using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Unix side of a .zip as Lambda reads it (docs/platform/layers-and-packages.md): each entry's file type and
/// permissions sit in the upper 16 bits of its external attributes. Extraction honours them exactly (no umask), so a
/// <c>bootstrap</c> or an extension zipped without its execute bit fails to start here as it does on Lambda.
/// </summary>
internal static class UnixZip
{
    /// <summary>rw-r--r--: a regular file.</summary>
    public const UnixFileMode RegularFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>rwxr-xr-x: a directory or an executable.</summary>
    public const UnixFileMode Executable = RegularFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const int TypeRegular = 0x8000; // S_IFREG
    private const int TypeDirectory = 0x4000; // S_IFDIR
    private const int PermissionBits = 0x1FF; // rwxrwxrwx; set-id and sticky bits are never extracted, as unzip does by default

    /// <summary>The external attributes of an entry for a regular file or directory with <paramref name="mode"/>.</summary>
    public static int Attributes(UnixFileMode mode, bool directory) =>
        ((directory ? TypeDirectory : TypeRegular) | ((int)mode & PermissionBits)) << 16;

    /// <summary>The permissions an entry records, or null when it records none (a zip written on Windows).</summary>
    public static UnixFileMode? Mode(ZipArchiveEntry entry)
    {
        var mode = (entry.ExternalAttributes >> 16) & PermissionBits;
        return mode == 0 ? null : (UnixFileMode)mode;
    }

    /// <summary>The bytes the archive's files take once extracted.</summary>
    public static long UnzippedSize(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        return archive.Entries.Sum(e => e.Length);
    }

    /// <summary>The archive holds a file (not a folder) at <paramref name="path"/>, relative to its root with <c>/</c> separators.</summary>
    public static bool HasFile(string zipPath, string path)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith("./", StringComparison.Ordinal))
            {
                name = name.Substring(2);
            }

            if (name == path)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Extracts <paramref name="zipPath"/> into <paramref name="directory"/> (a later file replaces an earlier one at the same
    /// path). Files get the permissions their entry records, else 644; directories theirs, else 755. Entries that would land
    /// outside <paramref name="directory"/> are refused.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry's path leaves the target folder, or the archive is not a zip.</exception>
    public static void Extract(string zipPath, string directory)
    {
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var directoryModes = new Dictionary<string, UnixFileMode>(StringComparer.Ordinal);
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries)
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName.Replace('\\', '/')));
            if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal) && target != root)
            {
                throw new InvalidDataException($"{zipPath}: the entry '{entry.FullName}' would be extracted outside {root}.");
            }

            var isDirectory = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
            if (isDirectory)
            {
                Directory.CreateDirectory(target);
                directoryModes[Path.TrimEndingDirectorySeparator(target)] = Mode(entry) ?? Executable;
                continue;
            }

            var parent = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(parent);
            for (var folder = parent; folder.Length > root.Length; folder = Path.GetDirectoryName(folder)!)
            {
                // A folder the archive implies without an entry of its own: 755.
                directoryModes.TryAdd(folder, Executable);
            }

            if (File.Exists(target))
            {
                // A file of an earlier layer may be read-only; the later layer's replaces it.
                File.Delete(target);
            }

            entry.ExtractToFile(target, overwrite: false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, Mode(entry) ?? RegularFile);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            // Deepest first, after the files: a directory recorded without write permission is still filled.
            foreach (var (path, mode) in directoryModes.OrderByDescending(d => d.Key.Length))
            {
                File.SetUnixFileMode(path, mode);
            }
        }
    }
}
