using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// An environment's <c>/opt</c>: the function's layers (folders or .zip files) merged in the order given, a later layer's
/// file replacing an earlier one's at the same path (docs/platform/layers-and-packages.md). Lambda mounts it at
/// <c>/opt</c>; the shim builds one per execution environment in that environment's folder (what one environment writes
/// there no other sees, and the host's own <c>/opt</c> is never used) and points <c>PATH</c>, <c>LD_LIBRARY_PATH</c>
/// and the external extensions (<c>extensions/</c>) at it. The limits are checked once, when the shim starts: five
/// layers, and 250 MB unzipped for the function and its layers together.
/// </summary>
internal static class LayerView
{
    /// <summary>Layers per function.</summary>
    public const int MaxLayers = 5;

    /// <summary>
    /// Where a custom runtime a layer provides starts: Lambda runs <c>/opt/bootstrap</c> for an OS-only runtime
    /// (<c>provided.*</c>) whose package has no <c>bootstrap</c> of its own.
    /// </summary>
    public const string Bootstrap = "/opt/bootstrap";

    private const string Opt = "/opt/";

    /// <summary>A layer puts a file named <c>bootstrap</c> at the root of <c>/opt</c> (layers that do not exist are left to <see cref="Check"/>).</summary>
    public static bool ProvidesBootstrap(IEnumerable<string> layers)
    {
        foreach (var layer in layers)
        {
            if (Directory.Exists(layer))
            {
                if (File.Exists(Path.Combine(layer, "bootstrap")))
                {
                    return true;
                }
            }
            else if (File.Exists(layer) && PackageLimits.IsZip(layer) && UnixZip.HasFile(layer, "bootstrap"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="path"/> as the runtime sees it, inside the environment's view when it names <c>/opt</c>
    /// (<see cref="Bootstrap"/>, or a command a user wrote for Lambda); any other path unchanged.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path names <c>/opt</c> and the function has no layers.</exception>
    public static string InView(string path, string? optDirectory)
    {
        if (!path.StartsWith(Opt, StringComparison.Ordinal))
        {
            return path;
        }

        return optDirectory is null
            ? throw new FileNotFoundException($"{path} is in /opt, and the function has no layers to provide it.", path)
            : Path.Combine(optDirectory, path.Substring(Opt.Length));
    }

    /// <summary>The layers' full paths, after checking their number, that each exists, and the 250 MB limit with the function's code.</summary>
    /// <exception cref="LambdaServiceException">More than five layers, or more than 250 MB unzipped.</exception>
    /// <exception cref="FileNotFoundException">A layer is neither a folder nor a .zip file.</exception>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> layers, string functionName, string? codeDirectory)
    {
        if (layers.Count > MaxLayers)
        {
            throw new LambdaServiceException(
                400, "InvalidParameterValueException", $"Function '{functionName}': a function can use at most {MaxLayers} layers; {layers.Count} were given.");
        }

        var full = layers.Select(Path.GetFullPath).ToArray();
        var sizes = full.Select(layer =>
        {
            try
            {
                return (layer, PackageLimits.UnzippedSize(layer));
            }
            catch (FileNotFoundException)
            {
                throw new FileNotFoundException($"Function '{functionName}': layer not found (a folder or a .zip file): {layer}", layer);
            }
        }).ToArray();
        PackageLimits.CheckUnzipped(functionName, codeDirectory is null ? 0 : Posix.DirectorySize(codeDirectory), sizes);
        return full;
    }

    /// <summary>Builds the view of <paramref name="layers"/> (checked by <see cref="Check"/>) at <paramref name="target"/>.</summary>
    public static string Mount(IReadOnlyList<string> layers, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var layer in layers)
        {
            if (Directory.Exists(layer))
            {
                CopyInto(layer, target);
            }
            else
            {
                // The archive's modes are kept: an extension zipped without its execute bit fails to start, as on Lambda.
                UnixZip.Extract(layer, target);
            }
        }

        return target;
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
