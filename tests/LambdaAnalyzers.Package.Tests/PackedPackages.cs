using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Package.Tests;

/// <summary>
/// Packs LambdaAnalyzers and LambdaAnalyzers.Runtime once, with a version no earlier run used,
/// into a feed of its own, and builds samples/PackageConsumer from that feed with an isolated
/// package cache: what the tests then see is what a user restoring the packages gets.
/// Everything it writes stays under one temporary folder, removed at the end.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "lambdaanalyzers-package-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A version only this run packs, so no cache can answer with an older build.</summary>
    public string Version { get; } = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Feed => Path.Combine(Work, "feed");

    public string PackageCache => Path.Combine(Work, "packages");

    public string ConsumerProject => RepoPaths.Combine("samples", "PackageConsumer", "PackageConsumer.csproj");

    public string AnalyzerPackage => Path.Combine(Feed, $"LambdaAnalyzers.{Version}.nupkg");

    public string RuntimePackage => Path.Combine(Feed, $"LambdaAnalyzers.Runtime.{Version}.nupkg");

    public string RuntimeSymbols => Path.Combine(Feed, $"LambdaAnalyzers.Runtime.{Version}.snupkg");

    /// <summary>The output of building the consumer: its diagnostics, as a user's build shows them.</summary>
    public CommandResult ConsumerBuild { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Work);
        foreach (var project in new[] { "src/LambdaAnalyzers.Package/LambdaAnalyzers.Package.csproj", "src/LambdaAnalyzers.Runtime/LambdaAnalyzers.Runtime.csproj" })
        {
            (await DotNet.RunAsync(RepoPaths.Root, Isolated(), "pack", project, "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Work, "pack-artifacts"), $"-p:Version={Version}")).EnsureSuccess();
        }

        ConsumerBuild = (await BuildConsumerAsync("consumer")).EnsureSuccess();
    }

    /// <summary>Restores and builds the consumer from the test feed, into its own artifacts folder.</summary>
    public Task<CommandResult> BuildConsumerAsync(string name, params string[] properties)
    {
        var arguments = new List<string>
        {
            "build", ConsumerProject, "--artifacts-path", Path.Combine(Work, name),
            $"-p:LambdaAnalyzersPackageVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}",
        };
        arguments.AddRange(properties);
        return DotNet.RunAsync(RepoPaths.Root, Isolated(), arguments.ToArray());
    }

    /// <summary>Runs an MSBuild query on a consumer build made by <see cref="BuildConsumerAsync"/> under the same name.</summary>
    public Task<CommandResult> QueryConsumerAsync(string name, params string[] arguments)
    {
        var all = new List<string>
        {
            "msbuild", ConsumerProject, $"-p:ArtifactsPath={Path.Combine(Work, name)}", "-p:UseArtifactsOutput=true",
            $"-p:LambdaAnalyzersPackageVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}",
        };
        all.AddRange(arguments);
        return DotNet.RunAsync(RepoPaths.Root, Isolated(), all.ToArray());
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the run for it is not.
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, string> Isolated() => new() { ["NUGET_PACKAGES"] = PackageCache };
}
