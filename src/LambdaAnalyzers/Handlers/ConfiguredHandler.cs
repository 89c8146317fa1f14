using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>A handler string from a configuration file and what the managed runtime finds for it here.</summary>
internal sealed class ConfiguredHandler
{
    public ConfiguredHandler(string text, Location location, string? runtime, string? deployedAssemblyName, HandlerResolution resolution, bool rewrittenOnBuild = false)
    {
        Text = text;
        RewrittenOnBuild = rewrittenOnBuild;
        Location = location;
        Runtime = runtime;
        DeployedAssemblyName = deployedAssemblyName;
        Resolution = resolution;
    }

    public string Text { get; }

    /// <summary>The handler value inside the configuration file.</summary>
    public Location Location { get; }

    /// <summary>The function's runtime (<c>dotnet8</c>, <c>provided.al2023</c>), when the file says.</summary>
    public string? Runtime { get; }

    /// <summary>The assembly (and executable) name the deployed package holds; null when a publish-time condition may change it.</summary>
    public string? DeployedAssemblyName { get; }

    public HandlerResolution Resolution { get; }

    /// <summary>
    /// Amazon.Lambda.Annotations writes this string again when it builds the project (from its <c>[LambdaFunction]</c>
    /// methods; <see cref="ConfigFiles.FunctionConfig.WrittenByAnnotations"/>): the file may hold an older build's.
    /// </summary>
    public bool RewrittenOnBuild { get; }
}
