using System.Collections.Generic;
using System.IO;

namespace LambdaAnalyzers.Shim;

/// <summary>Options of <see cref="LambdaDeploymentPackage"/>.</summary>
public sealed class LambdaPackageOptions
{
    /// <summary>
    /// Which function of the project's template (or <c>aws-lambda-tools-defaults.json</c>) the package is for, by logical id
    /// or <c>FunctionName</c>; needed when it declares several. Its <c>Runtime</c> decides whether a <c>bootstrap</c> is required.
    /// </summary>
    public string? Function { get; set; }

    /// <summary>The name errors and the result report (default: the declared function's, else the project's or folder's).</summary>
    public string? FunctionName { get; set; }

    /// <summary>
    /// The Lambda runtime (<c>provided.al2023</c>, <c>dotnet8</c>, …; default: the declared function's). A <c>provided.*</c>
    /// runtime starts the file <c>bootstrap</c> at the package's root, so the package must have one.
    /// </summary>
    public string? Runtime { get; set; }

    /// <summary>The target framework to publish (<c>-f</c>); needed for a project that targets several.</summary>
    public string? Framework { get; set; }

    /// <summary>The build configuration to publish (default <c>Release</c>).</summary>
    public string Configuration { get; set; } = "Release";

    /// <summary>More arguments for <c>dotnet publish</c> (e.g. <c>-r linux-arm64</c>).</summary>
    public IList<string> PublishArguments { get; } = new List<string>();

    /// <summary>
    /// The function's layers (folders or <c>.zip</c> files): the 250 MB unzipped limit counts them with the function, and a
    /// <c>bootstrap</c> at a layer's root lets a <c>provided.*</c> package go without one.
    /// </summary>
    public IList<string> Layers { get; } = new List<string>();

    /// <summary>Where progress and the publish's warnings and errors are written.</summary>
    public TextWriter? Log { get; set; }
}

/// <summary>A deployment package written by <see cref="LambdaDeploymentPackage"/>.</summary>
public sealed class LambdaPackage
{
    internal LambdaPackage(string path, string functionName, string? runtime, long zippedBytes, long unzippedBytes, long layerBytes)
    {
        Path = path;
        FunctionName = functionName;
        Runtime = runtime;
        ZippedBytes = zippedBytes;
        UnzippedBytes = unzippedBytes;
        LayerBytes = layerBytes;
    }

    /// <summary>The <c>.zip</c> file.</summary>
    public string Path { get; }

    /// <summary>The function the package is for.</summary>
    public string FunctionName { get; }

    /// <summary>The runtime the package was checked for, when known.</summary>
    public string? Runtime { get; }

    /// <summary>The size of the <c>.zip</c> file.</summary>
    public long ZippedBytes { get; }

    /// <summary>The size of the function's files once extracted.</summary>
    public long UnzippedBytes { get; }

    /// <summary>The size of the function's layers once extracted (counted with <see cref="UnzippedBytes"/> against the 250 MB limit).</summary>
    public long LayerBytes { get; }
}
