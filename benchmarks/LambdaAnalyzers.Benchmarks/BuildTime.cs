using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Benchmarks.Synthetic;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// <c>build-time [--files 500] [--rounds 7] [--variants none,lambda,sdk,roslynator,meziantou] [--compiler-server]</c>:
/// what a user feels. Packs LambdaAnalyzers and LambdaAnalyzers.Runtime from this repository into a
/// feed of their own (a version no other build has used, restored into a packages folder of its own),
/// writes the synthetic repository once per variant, and times full <c>dotnet build</c>s
/// (<c>--no-incremental</c>, no build server, no compiler server: a cold compiler each time), the
/// variants alternating in a rotating order so load that comes and goes hits all of them alike.
/// Every variant references LambdaAnalyzers.Runtime (the sources use <c>[LambdaHandler]</c>):
/// <list type="bullet">
/// <item><c>none</c>: <c>LambdaAnalyzersEnabled=false</c> and <c>EnableNETAnalyzers=false</c> — no analyzer of ours or the SDK's;</item>
/// <item><c>lambda</c>: our analyzers and generators on;</item>
/// <item><c>generators</c>: our generators only (every LAM rule set to <c>none</c> in a global config, so the analyzer
/// driver skips our analyzers): with <c>none</c> and <c>lambda</c> it splits the package's cost between the two;</item>
/// <item><c>sdk</c>: the .NET SDK's default analyzers on (as a new project has them), ours off;</item>
/// <item><c>roslynator</c>, <c>meziantou</c>: that analyzer package added, ours and the SDK's off.</item>
/// </list>
/// Reports per variant the median wall time and the median CPU time of the build's process tree
/// (user + system, from the children's resource usage), and their ratios to <c>none</c>.
/// <para>
/// <c>--compiler-server</c> keeps the compiler server (VBCSCompiler) running between the builds, as a developer's
/// second and later <c>dotnet build</c> has it: the analyzers and generators are loaded and compiled to machine code
/// once, in the warm-up builds, and each timed build pays only their work. The server is not a child of this process,
/// so the CPU columns then leave the compiler out and only wall time compares; it is shut down at the end.
/// </para>
/// </summary>
internal static class BuildTime
{
    private static readonly Dictionary<string, string> Peers = new(StringComparer.Ordinal)
    {
        // The versions the package registry of our build machines serves.
        ["roslynator"] = "<PackageReference Include=\"Roslynator.Analyzers\" Version=\"5.0.1\" PrivateAssets=\"all\" />",
        ["meziantou"] = "<PackageReference Include=\"Meziantou.Analyzer\" Version=\"3.0.341\" PrivateAssets=\"all\" />",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var files = Option(args, "--files", 500);
        var rounds = Option(args, "--rounds", 7);
        var compilerServer = args.Contains("--compiler-server");
        var variants = (OptionText(args, "--variants") ?? "none,lambda,sdk,roslynator,meziantou").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (variants[0] != "none")
        {
            Console.Error.WriteLine("The first variant must be 'none' (the baseline).");
            return 2;
        }

        var repositoryRoot = FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "lambda-build-time-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            var version = "0.1.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var feed = Path.Combine(work, "feed");
            Console.Error.WriteLine($"Packing {version} into {feed} ...");
            foreach (var project in new[] { "src/LambdaAnalyzers.Package", "src/LambdaAnalyzers.Runtime" })
            {
                await RunDotNetAsync(repositoryRoot, compilerServer: false, "pack", Path.Combine(repositoryRoot, project), "-c", "Release", "-o", feed, "-p:Version=" + version).ConfigureAwait(false);
            }

            var lib = Path.Combine(work, "lib");
            Directory.CreateDirectory(lib);
            foreach (var standIn in new[] { typeof(Amazon.Lambda.Core.ILambdaContext), typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer) })
            {
                File.Copy(standIn.Assembly.Location, Path.Combine(lib, Path.GetFileName(standIn.Assembly.Location)));
            }

            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="bench-feed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var repository = SyntheticRepository.Create(files);
            foreach (var variant in variants)
            {
                var directory = Path.Combine(work, variant);
                repository.WriteTo(directory);
                File.WriteAllText(Path.Combine(directory, SyntheticRepository.AssemblyName + ".csproj"), ProjectFile(variant, version, lib));
                if (variant == "generators")
                {
                    File.WriteAllText(Path.Combine(directory, RulesOffConfig), RulesOff());
                }

                Console.Error.WriteLine($"Restoring and warming up '{variant}' ...");
                await RunDotNetAsync(work, compilerServer: false, "restore", directory, "-p:RestorePackagesPath=" + Path.Combine(work, "packages")).ConfigureAwait(false);
                await BuildAsync(work, directory, compilerServer).ConfigureAwait(false);
            }

            var load = new List<string> { LoadAverage() };
            var samples = variants.ToDictionary(v => v, _ => new List<Sample>(), StringComparer.Ordinal);
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    var variant = variants[(round + i) % variants.Length];
                    var sample = await BuildAsync(work, Path.Combine(work, variant), compilerServer).ConfigureAwait(false);
                    samples[variant].Add(sample);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds} {variant}: {sample.Wall:0.00} s wall, {sample.Cpu:0.00} s CPU"));
                }

                load.Add(LoadAverage());
            }

            Report(files, rounds, variants, samples, load, compilerServer);
            return 0;
        }
        finally
        {
            if (compilerServer)
            {
                await RunDotNetAsync(work, compilerServer: false, "build-server", "shutdown", "--vbcscompiler").ConfigureAwait(false);
            }

            if (!args.Contains("--keep"))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static void Report(int files, int rounds, string[] variants, Dictionary<string, List<Sample>> samples, List<string> load, bool compilerServer)
    {
        var baseline = samples["none"];
        var compiler = compilerServer ? "a warm compiler server (CPU columns without the compiler)" : "a cold compiler each time";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dotnet build --no-incremental of the {files}-file synthetic repository, {compiler}, {rounds} alternating rounds, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {DateTime.UtcNow:yyyy-MM-dd}."));
        Console.WriteLine("Load average (1 min) before and after each round: " + string.Join(", ", load));
        Console.WriteLine();
        Console.WriteLine("| variant | wall median (s) | wall ratio | CPU median (s) | CPU ratio | median of per-round wall ratios | their middle half |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var variant in variants)
        {
            var list = samples[variant];
            var perRound = list.Zip(baseline, (v, b) => v.Wall / b.Wall).ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {variant} | {Median(list.Select(s => s.Wall)):0.00} | {Median(list.Select(s => s.Wall)) / Median(baseline.Select(s => s.Wall)):0.00} | {Median(list.Select(s => s.Cpu)):0.00} | {Median(list.Select(s => s.Cpu)) / Median(baseline.Select(s => s.Cpu)):0.00} | {Median(perRound):0.00} | {Percentile(perRound, 0.25):0.00}–{Percentile(perRound, 0.75):0.00} |"));
        }

        Console.WriteLine();
        Console.WriteLine("The middle half is the spread of the rounds' own ratios (25th to 75th percentile): a difference between two runs smaller than it is noise.");
    }

    private const string RulesOffConfig = "lambda-rules-off.globalconfig";

    /// <summary>A global config that sets every diagnostic of the package's analyzers to <c>none</c>.</summary>
    private static string RulesOff()
    {
        var text = new StringBuilder("is_global = true\n");
        foreach (var id in SyntheticCompilation.PackageAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            text.Append("dotnet_diagnostic.").Append(id).Append(".severity = none\n");
        }

        return text.ToString();
    }

    private static string ProjectFile(string variant, string version, string lib)
    {
        var ours = variant is "lambda" or "generators";
        var rulesOff = variant == "generators" ? $"<GlobalAnalyzerConfigFiles Include=\"{RulesOffConfig}\" />" : string.Empty;
        var sdk = variant == "sdk";
        var peer = Peers.TryGetValue(variant, out var reference) ? reference : string.Empty;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <AssemblyName>{SyntheticRepository.AssemblyName}</AssemblyName>
                <LambdaAnalyzersEnabled>{(ours ? "true" : "false")}</LambdaAnalyzersEnabled>
                <EnableNETAnalyzers>{(sdk ? "true" : "false")}</EnableNETAnalyzers>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)../packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LambdaAnalyzers.Runtime" Version="{version}" />
                {peer}
                {rulesOff}
                <Reference Include="Amazon.Lambda.Core" HintPath="{Path.Combine(lib, "Amazon.Lambda.Core.dll")}" />
                <Reference Include="Amazon.Lambda.Serialization.SystemTextJson" HintPath="{Path.Combine(lib, "Amazon.Lambda.Serialization.SystemTextJson.dll")}" />
              </ItemGroup>
            </Project>
            """;
    }

    private static async Task<Sample> BuildAsync(string work, string directory, bool compilerServer)
    {
        var before = ChildrenCpuSeconds();
        var wall = Stopwatch.StartNew();
        await RunDotNetAsync(work, compilerServer, "build", directory, "-c", "Release", "--no-restore", "--no-incremental", "-v:q", "-clp:NoSummary").ConfigureAwait(false);
        wall.Stop();
        return new Sample(wall.Elapsed.TotalSeconds, ChildrenCpuSeconds() - before);
    }

    private static async Task RunDotNetAsync(string workingDirectory, bool compilerServer, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var noServers = arguments[0] == "build-server"
            ? Array.Empty<string>()
            : new[] { "-nodeReuse:false", "-p:UseSharedCompilation=" + (compilerServer ? "true" : "false") };
        foreach (var argument in arguments.Concat(noServers))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}");
        }
    }

    /// <summary>User + system CPU of every child process waited for so far (and of the descendants they waited for).</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return 0;
        }

        var usage = default(ResourceUsage);
        return GetResourceUsage(-1 /* RUSAGE_CHILDREN */, ref usage) == 0
            ? usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6)
            : 0;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, ref ResourceUsage usage);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LambdaAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from the repository's build output (benchmarks/LambdaAnalyzers.Benchmarks/bin/...).");
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>The <paramref name="fraction"/> quantile, interpolated between the two nearest values (the median for 0.5).</summary>
    private static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private readonly record struct Sample(double Wall, double Cpu);

    /// <summary>The leading fields of <c>struct rusage</c> (two <c>timeval</c>s), then the fourteen longs after them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
#pragma warning disable CS0169, IDE0051 // filled by the kernel, never read
        private long _maxrss, _ixrss, _idrss, _isrss, _minflt, _majflt, _nswap, _inblock, _oublock, _msgsnd, _msgrcv, _nsignals, _nvcsw, _nivcsw;
#pragma warning restore CS0169, IDE0051
    }
}
