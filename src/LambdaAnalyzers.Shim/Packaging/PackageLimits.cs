using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Lambda's size limits on a function's code (docs/platform/layers-and-packages.md), checked where a package is written
/// and where the shim mounts a function with its layers. Errors name the function and answer as CreateFunction would.
/// </summary>
internal static class PackageLimits
{
    /// <summary>How many bytes <paramref name="path"/> (a folder, or a <c>.zip</c> file) takes extracted.</summary>
    /// <exception cref="FileNotFoundException">Neither a folder nor a <c>.zip</c> file.</exception>
    public static long UnzippedSize(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return Posix.DirectorySize(full);
        }

        if (File.Exists(full) && IsZip(full))
        {
            return UnixZip.UnzippedSize(full);
        }

        throw new FileNotFoundException($"Not found (a folder or a .zip file): {full}", full);
    }

    /// <summary>Whether <paramref name="path"/> names a <c>.zip</c> file.</summary>
    public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The function's code and its layers together must stay under 250 MB once extracted.</summary>
    /// <exception cref="LambdaServiceException"><c>InvalidParameterValueException</c>: they do not.</exception>
    public static void CheckUnzipped(string functionName, long codeBytes, IReadOnlyList<(string Layer, long Bytes)> layers)
    {
        var total = codeBytes + layers.Sum(l => l.Bytes);
        if (total <= LambdaDeploymentPackage.MaxUnzippedBytes)
        {
            return;
        }

        var parts = layers.Count == 0
            ? string.Empty
            : $" ({Bytes(codeBytes)} of code, {string.Join(", ", layers.Select(l => $"{Bytes(l.Bytes)} in layer {Path.GetFileName(Path.TrimEndingDirectorySeparator(l.Layer))}"))})";
        throw new LambdaServiceException(
            400, "InvalidParameterValueException",
            $"Function '{functionName}': unzipped size must be smaller than {Bytes(LambdaDeploymentPackage.MaxUnzippedBytes)} (250 MB) for the function and its layers; " +
            $"they take {Bytes(total)}{parts}.");
    }

    /// <summary>A package uploaded directly must stay under 50 MB zipped.</summary>
    /// <exception cref="LambdaServiceException"><c>RequestEntityTooLargeException</c>: it does not.</exception>
    public static void CheckZipped(string functionName, long zippedBytes)
    {
        if (zippedBytes > LambdaDeploymentPackage.MaxZippedBytes)
        {
            throw new LambdaServiceException(
                413, "RequestEntityTooLargeException",
                $"Function '{functionName}': the deployment package is {Bytes(zippedBytes)} zipped; a package uploaded directly must be at most " +
                $"{Bytes(LambdaDeploymentPackage.MaxZippedBytes)} (50 MB). Upload it through S3 (only the 250 MB unzipped limit applies there) or make it smaller.");
        }
    }

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
