using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Package.Tests;

[Collection(PackagesCollection.Name)]
public sealed class PackageTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";
    private const string HelpLink = "https://github.com/lambdaanalyzers/lambdaanalyzers/blob/main/docs/rules/LAM0211.md";

    private readonly PackedPackages _packages;

    public PackageTests(PackedPackages packages) => _packages = packages;

    [Fact]
    public void Analyzer_package_holds_its_assemblies_under_roslyn48_and_nothing_under_lib()
    {
        var entries = Entries(_packages.AnalyzerPackage);
        Assert.Contains(AnalyzerFolder + "LambdaAnalyzers.dll", entries);
        Assert.Contains(AnalyzerFolder + "LambdaAnalyzers.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && !e.StartsWith(AnalyzerFolder, StringComparison.Ordinal));
    }

    [Fact]
    public void Analyzer_package_is_a_development_dependency_with_readme_license_and_build_props()
    {
        var entries = Entries(_packages.AnalyzerPackage);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Contains("buildTransitive/LambdaAnalyzers.props", entries);
        Assert.Contains("buildTransitive/LambdaAnalyzers.targets", entries);

        var metadata = Nuspec(_packages.AnalyzerPackage);
        Assert.Equal("true", Element(metadata, "developmentDependency"));
        Assert.Equal("README.md", Element(metadata, "readme"));
        Assert.Equal("MIT", Element(metadata, "license"));
        Assert.Contains("C# only", Element(metadata, "description"), StringComparison.Ordinal);
        Assert.Empty(metadata.Descendants(metadata.Name.Namespace + "dependency"));
    }

    [Fact]
    public void Every_library_an_analyzer_assembly_loads_is_packed_beside_it()
    {
        using var package = ZipFile.OpenRead(_packages.AnalyzerPackage);
        var packed = package.Entries
            .Where(e => e.FullName.StartsWith(AnalyzerFolder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToList();
        var packedNames = packed.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var entry in packed)
        {
            foreach (var reference in ReferencedAssemblies(entry))
            {
                var providedByHost = reference is "netstandard" or "mscorlib"
                    || reference.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                    || reference.StartsWith("System.", StringComparison.Ordinal);
                Assert.True(
                    providedByHost || packedNames.Contains(reference),
                    $"{entry.Name} references {reference}, which the compiler does not provide and the package does not carry.");
            }
        }
    }

    [Fact]
    public void Analyzer_assemblies_embed_their_pdbs_in_place_of_a_symbols_package()
    {
        using var package = ZipFile.OpenRead(_packages.AnalyzerPackage);
        foreach (var name in new[] { "LambdaAnalyzers.dll", "LambdaAnalyzers.CodeFixes.dll" })
        {
            using var stream = package.GetEntry(AnalyzerFolder + name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new PEReader(copy);
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        }
    }

    [Fact]
    public void Runtime_package_depends_on_LambdaAnalyzers_so_the_analyzers_flow_to_its_users()
    {
        var metadata = Nuspec(_packages.RuntimePackage);
        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").ToList();
        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, d =>
        {
            Assert.Equal("LambdaAnalyzers", (string?)d.Attribute("id"));
            Assert.Equal(_packages.Version, (string?)d.Attribute("version"));
            Assert.Null(d.Attribute("exclude"));
        });

        var entries = Entries(_packages.RuntimePackage);
        Assert.Contains("lib/net8.0/LambdaAnalyzers.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/LambdaAnalyzers.Runtime.dll", entries);
    }

    [Fact]
    public void Runtime_package_has_a_symbols_package_and_source_link_metadata()
    {
        Assert.True(File.Exists(_packages.RuntimeSymbols), "no .snupkg was produced");
        Assert.Contains("lib/net8.0/LambdaAnalyzers.Runtime.pdb", Entries(_packages.RuntimeSymbols));
        var repository = Nuspec(_packages.RuntimePackage).Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? string.Empty);
    }

    [Fact]
    public void Consumer_build_reports_LAM0211_with_its_help_link()
    {
        var line = _packages.ConsumerBuild.Output
            .Split('\n')
            .FirstOrDefault(l => l.Contains("warning LAM0211", StringComparison.Ordinal));
        Assert.True(line is not null, "The consumer build reported no LAM0211:\n" + _packages.ConsumerBuild.Output);
        Assert.Contains("Function.cs(14,9)", line, StringComparison.Ordinal);
        Assert.Contains(HelpLink, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_loads_the_just_packed_analyzers_from_the_isolated_cache()
    {
        var query = (await _packages.QueryConsumerAsync("consumer", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer")).EnsureSuccess();
        var expected = Path.Combine(_packages.PackageCache, "lambdaanalyzers", _packages.Version.ToLowerInvariant(), "analyzers", "dotnet", "roslyn4.8", "cs");
        var ours = Regex.Matches(query.Output, "\"Identity\": \"([^\"]*LambdaAnalyzers[^\"]*\\.dll)\"")
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, path => Assert.Equal(expected, Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task A_handler_typo_in_aws_lambda_tools_defaults_fails_the_build_with_LAM0001()
    {
        var project = Path.Combine(_packages.Work, "TypoFunction");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "TypoFunction.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LambdaAnalyzers.Runtime" Version="{{_packages.Version}}" />
                <ProjectReference Include="{{RepoPaths.Combine("tests", "Compat", "Amazon.Lambda.Core", "Amazon.Lambda.Core.csproj")}}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Function.cs"), """
            using System.IO;
            using Amazon.Lambda.Core;

            namespace TypoFunction;

            public class Function
            {
                public Stream Handle(Stream input, ILambdaContext context) => input;
            }
            """);
        File.WriteAllText(Path.Combine(project, "aws-lambda-tools-defaults.json"), """
            {
              "profile": "default",
              "region": "us-east-1",
              "configuration": "Release",
              "function-runtime": "dotnet8",
              "function-memory-size": 512,
              "function-timeout": 30,
              "function-handler": "TypoFunction::TypoFunction.Function::Handel"
            }
            """);

        var build = await DotNet.RunAsync(
            project,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages.PackageCache },
            "build", Path.Combine(project, "TypoFunction.csproj"), "--artifacts-path", Path.Combine(_packages.Work, "typo-artifacts"),
            $"-p:RestoreAdditionalProjectSources={_packages.Feed}");

        Assert.NotEqual(0, build.ExitCode);
        var line = build.Output.Split('\n').FirstOrDefault(l => l.Contains("error LAM0001", StringComparison.Ordinal));
        Assert.True(line is not null, "The build reported no LAM0001:\n" + build.Output);
        Assert.Contains("aws-lambda-tools-defaults.json(8,23)", line, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Handle'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LambdaAnalyzersEnabled_false_switches_every_rule_off()
    {
        var build = (await _packages.BuildConsumerAsync("consumer-disabled", "-p:LambdaAnalyzersEnabled=false")).EnsureSuccess();
        Assert.DoesNotContain("LAM0211", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_package_switch_fails_here_with_exactly_NU1101()
    {
        var restore = await DotNet.RunAsync(
            _packages.Work,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages.PackageCache },
            "restore", _packages.ConsumerProject, "-p:UseAmazonLambdaCorePackage=true",
            $"-p:LambdaAnalyzersPackageVersion={_packages.Version}", $"-p:RestoreAdditionalProjectSources={_packages.Feed}",
            "--artifacts-path", Path.Combine(_packages.Work, "consumer-real-package"));

        Assert.NotEqual(0, restore.ExitCode);
        var errorCodes = Regex.Matches(restore.Output, @"error (NU\d{4})").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(new[] { "NU1101" }, errorCodes);
        Assert.Contains("Amazon.Lambda.Core", restore.Output, StringComparison.Ordinal);
    }

    private static List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

    private static IEnumerable<string> ReferencedAssemblies(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
