using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The function's <c>/opt</c>: its layers (folders or .zip files) merged in the order given, a later layer's file
/// replacing an earlier one's at the same path (docs/platform/layers-and-packages.md). Lambda mounts it at
/// <c>/opt</c>; the shim builds it in its working directory and points <c>PATH</c>, <c>LD_LIBRARY_PATH</c> and the
/// external extensions (<c>extensions/</c>) at it. The limits are checked here: five layers, and 250 MB unzipped
/// for the function and its layers together.
/// </summary>
internal static class LayerView
{
    /// <summary>Layers per function.</summary>
    public const int MaxLayers = 5;

    /// <summary>The function's code and its layers, unzipped (250 MB).</summary>
    public const long MaxUnzippedBytes = 262_144_000;

    /// <summary>Builds the view under <paramref name="workingDirectory"/>; null without layers.</summary>
    /// <exception cref="LambdaServiceException">More than five layers, or more than 250 MB unzipped.</exception>
    public static string? Build(IReadOnlyList<string> layers, string workingDirectory, string? codeDirectory)
    {
        if (layers.Count > MaxLayers)
        {
            throw new LambdaServiceException(400, "InvalidParameterValueException", $"A function can use at most {MaxLayers} layers; {layers.Count} were given.");
        }

        string? view = null;
        if (layers.Count > 0)
        {
            view = Path.Combine(workingDirectory, "opt");
            Directory.CreateDirectory(view);
            foreach (var layer in layers)
            {
                var full = Path.GetFullPath(layer);
                if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    // Permissions stored in the archive are kept: an extension without its execute bit fails to start, as on Lambda.
                    ZipFile.ExtractToDirectory(full, view, overwriteFiles: true);
                }
                else if (Directory.Exists(full))
                {
                    CopyInto(full, view);
                }
                else
                {
                    throw new FileNotFoundException($"Layer not found (a folder or a .zip file): {full}", full);
                }
            }
        }

        var size = (codeDirectory is null ? 0 : Posix.DirectorySize(codeDirectory)) + (view is null ? 0 : Posix.DirectorySize(view));
        if (size > MaxUnzippedBytes)
        {
            throw new LambdaServiceException(
                400, "InvalidParameterValueException",
                $"Unzipped size must be smaller than {MaxUnzippedBytes} bytes; the function and its layers take {size} bytes.");
        }

        return view;
    }

    private static void CopyInto(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            // File.Copy keeps the file's mode on Unix (an executable stays executable).
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
