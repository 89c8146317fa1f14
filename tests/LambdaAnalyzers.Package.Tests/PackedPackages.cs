using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Package.Tests;

/// <summary>The test classes that share one <see cref="PackedPackages"/>: one pack per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}

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

    /// <summary>The repositories of Repositories/ (sam init, Serverless Framework, Terraform layouts), built in parallel on first use.</summary>
    public Task<IReadOnlyDictionary<string, RepositoryBuild>> RepositoryBuilds => _repositoryBuilds.Value;

    private readonly Lazy<Task<IReadOnlyDictionary<string, RepositoryBuild>>> _repositoryBuilds;

    public PackedPackages() => _repositoryBuilds = new(BuildRepositoriesAsync);

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

    /// <summary>
    /// Copies each repository of Repositories/ into the work folder with a <c>.git</c> marker (so
    /// config discovery stops at its root, as in a clone) and builds its solution from the test feed.
    /// The builds share nothing but the package cache, so they run in parallel.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, RepositoryBuild>> BuildRepositoriesAsync()
    {
        var names = new[] { "Sam", "Serverless", "Terraform" };
        var builds = await Task.WhenAll(names.Select(BuildRepositoryAsync));
        return builds.ToDictionary(b => b.Name);
    }

    private async Task<RepositoryBuild> BuildRepositoryAsync(string name)
    {
        var root = Path.Combine(Work, "repositories", name);
        CopyDirectory(RepoPaths.Combine("tests", "LambdaAnalyzers.Package.Tests", "Repositories", name), root);
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        File.WriteAllText(Path.Combine(root, ".git", "HEAD"), "ref: refs/heads/main\n");
        var build = await DotNet.RunAsync(
            root,
            Isolated(),
            TimeSpan.FromMinutes(15),
            "build", Path.Combine(root, name + ".slnx"), "--artifacts-path", Path.Combine(Work, "repository-artifacts", name),
            $"-p:LambdaAnalyzersPackageVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}",
            $"-p:AmazonLambdaCoreAssembly={AmazonLambdaCoreAssembly()}");
        return new RepositoryBuild(name, root, build);
    }

    /// <summary>
    /// The Amazon.Lambda.Core stand-in the consumer build compiled: the function projects of
    /// Repositories/ reference it as a user's project references the package's assembly.
    /// </summary>
    private string AmazonLambdaCoreAssembly() =>
        Directory.EnumerateFiles(Path.Combine(Work, "consumer", "bin"), "Amazon.Lambda.Core.dll", SearchOption.AllDirectories).First();

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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

/// <summary>One repository of Repositories/ as built: where it was copied and what the build printed.</summary>
public sealed record RepositoryBuild(string Name, string Root, CommandResult Build);
