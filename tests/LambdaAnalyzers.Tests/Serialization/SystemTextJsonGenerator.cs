using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Serialization;

/// <summary>
/// System.Text.Json's source generator as the SDK ships it (an analyzer in the targeting pack),
/// found from the running runtime's location, so tests can generate real contexts in memory.
/// </summary>
internal static class SystemTextJsonGenerator
{
    private static readonly Lazy<IIncrementalGenerator> Instance = new(Load);

    public static IIncrementalGenerator Generator => Instance.Value;

    private static IIncrementalGenerator Load()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Path.GetFileName(runtimeDirectory);
        var candidates = Directory.GetDirectories(packs)
            .OrderByDescending(d => Path.GetFileName(d) == version)
            .ThenByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"));
        var path = candidates.First(File.Exists);
        var assembly = new RoslynSharingContext().LoadFromAssemblyPath(path);
        var type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    /// <summary>Loads the generator against the Roslyn this test process already runs.</summary>
    private sealed class RoslynSharingContext : AssemblyLoadContext
    {
        public RoslynSharingContext()
            : base("System.Text.Json.SourceGeneration")
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName.Name);
    }
}
