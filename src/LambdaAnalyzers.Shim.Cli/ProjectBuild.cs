using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>How <c>run</c> and <c>serve</c> build a project directory before running it.</summary>
internal static class ProjectBuild
{
    /// <summary>Builds a project directory (printing the build's diagnostics) and returns its output folder; null when the build failed.</summary>
    public static async Task<string?> BuildAsync(string projectDirectory, string? framework, TextWriter output)
    {
        var project = Directory.GetFiles(projectDirectory, "*.csproj").Single();
        if (framework is null)
        {
            var frameworks = await ProjectFramework.ReadAsync(project).ConfigureAwait(false);
            framework = ProjectFramework.Choose(frameworks, System.Environment.Version.Major);
            if (framework is not null)
            {
                output.WriteLine($"lambda-shim: {Path.GetFileName(project)} targets {string.Join(";", frameworks)}; building {framework}, the newest this machine runs (--framework to choose)");
            }
        }

        // Inside the project's own bin folder (one per framework), so rebuilds are incremental and nothing is left elsewhere.
        var outDir = Path.Combine(projectDirectory, "bin", "lambda-shim", framework ?? "default");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = projectDirectory,
        };
        var arguments = new List<string> { "build", project, "-c", "Release", "-o", outDir, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo", "-clp:NoSummary" };
        if (framework is not null)
        {
            arguments.AddRange(new[] { "-f", framework });
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        output.WriteLine($"lambda-shim: building {project}");
        using var process = Process.Start(info)!;
        var diagnostics = new BuildDiagnostics(output);
        var pump = Task.WhenAll(diagnostics.PumpAsync(process.StandardOutput), diagnostics.PumpAsync(process.StandardError));
        await process.WaitForExitAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            output.WriteLine($"lambda-shim: the build failed (exit code {process.ExitCode}).");
            return null;
        }

        return outDir;
    }

    /// <summary>
    /// The warnings and errors of a build's output, each once. MSBuild's console logger repeats every diagnostic in the
    /// summary at the end of the build (even with <c>-clp:NoSummary</c>, which <c>dotnet build</c>'s own logger arguments
    /// override), so a line already printed is not printed again: the same file, position, code, message and project is
    /// the same diagnostic (a multi-target build names the framework in the project part, so those stay apart).
    /// </summary>
    private sealed class BuildDiagnostics
    {
        private readonly object _gate = new();
        private readonly HashSet<string> _printed = new(StringComparer.Ordinal);
        private readonly TextWriter _output;

        public BuildDiagnostics(TextWriter output) => _output = output;

        public async Task PumpAsync(StreamReader reader)
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                if (line.Contains(": warning ", StringComparison.Ordinal) || line.Contains(": error ", StringComparison.Ordinal))
                {
                    var diagnostic = line.Trim();
                    lock (_gate)
                    {
                        if (_printed.Add(diagnostic))
                        {
                            _output.WriteLine(diagnostic);
                        }
                    }
                }
            }
        }
    }
}
