using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim package &lt;project&gt; [--function ID] [-o file.zip] [--framework TFM] [--layer PATH]...</c>: publishes the
/// project and writes the deployment package Lambda expects (<see cref="LambdaDeploymentPackage"/>). Its only line on stdout
/// is the zip's path; progress and the publish's diagnostics go to stderr. <c>run</c> and <c>serve</c> take that zip.
/// </summary>
internal static class PackageCommand
{
    public const string Usage = "\n" + """

          lambda-shim package <project-dir|project.csproj> [--function ID] [-o file.zip] [--framework TFM] [--layer PATH]...
        package  publishes the project and writes the .zip Lambda expects (files 644; bootstrap, executables and
                 folders 755; bootstrap at the root for provided.* runtimes), checked against the 50 MB zipped and
                 250 MB unzipped (with --layer folders or zips) limits; prints the zip's path. Default output:
                 <project>/bin/lambda-shim/<function>.zip. Run it with `lambda-shim run file.zip` (what is tested is
                 what is uploaded).
        """;

    /// <summary>What <c>package</c> was asked to do, whichever parser read it.</summary>
    internal sealed record Request(string Project, string? Function, string? Output, string? Framework, IReadOnlyList<string> Layers);

    /// <summary>Parses the arguments after <c>package</c> and runs it: 0 on success, 1 when packaging failed, 2 on a usage error.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        Request request;
        try
        {
            request = Parse(args);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine(exception.Message);
            error.WriteLine(Usage);
            return 2;
        }

        return await RunAsync(request, output, error).ConfigureAwait(false);
    }

    internal static Request Parse(IReadOnlyList<string> args)
    {
        string? project = null, function = null, outputPath = null, framework = null;
        var layers = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--function": function = Value(); break;
                case "-o" or "--output": outputPath = Value(); break;
                case "--framework" or "-f": framework = Value(); break;
                case "--layer": layers.Add(Value()); break;
                case var other when other.StartsWith('-') || project is not null:
                    throw new ArgumentException($"Unexpected argument '{other}'.");
                default: project = args[i]; break;
            }
        }

        return new Request(project ?? throw new ArgumentException("Give the function's project (a folder holding one .csproj, or the .csproj)."), function, outputPath, framework, layers);
    }

    /// <summary>Runs a parsed request.</summary>
    public static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error)
    {
        try
        {
            var project = LambdaDeploymentPackage.ProjectFile(request.Project);
            var projectDirectory = Path.GetDirectoryName(project)!;
            var options = new LambdaPackageOptions { Function = request.Function, Log = error };
            foreach (var layer in request.Layers)
            {
                options.Layers.Add(layer);
            }

            var declared = DeclaredFunctions.Read(projectDirectory).Select(request.Function);
            options.Framework = request.Framework ?? await ChooseFrameworkAsync(project, declared?.Runtime, error).ConfigureAwait(false);
            var zip = Path.GetFullPath(request.Output ?? Path.Combine(projectDirectory, "bin", "lambda-shim", (declared?.LogicalId ?? declared?.Name ?? Path.GetFileNameWithoutExtension(project)) + ".zip"));
            var package = await LambdaDeploymentPackage.PublishAsync(project, zip, options).ConfigureAwait(false);
            output.WriteLine(package.Path);
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or LambdaServiceException)
        {
            error.WriteLine($"lambda-shim: {exception.Message}");
            return 1;
        }
    }

    /// <summary>
    /// For a project with several target frameworks: the newest a managed <c>dotnetN</c> runtime runs (at most .NET N),
    /// else the newest; said on <paramref name="log"/>. Null for a project with one.
    /// </summary>
    private static async Task<string?> ChooseFrameworkAsync(string project, string? runtime, TextWriter log)
    {
        var frameworks = await ProjectFramework.ReadAsync(project).ConfigureAwait(false);
        var major = runtime is not null && runtime.StartsWith("dotnet", StringComparison.Ordinal)
            && int.TryParse(runtime.AsSpan("dotnet".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : int.MaxValue;
        var framework = ProjectFramework.Choose(frameworks, major);
        if (framework is not null)
        {
            log.WriteLine($"lambda-shim: {Path.GetFileName(project)} targets {string.Join(";", frameworks)}; publishing {framework}{(runtime is null ? string.Empty : $" for {runtime}")} (--framework to choose)");
        }

        return framework;
    }
}
