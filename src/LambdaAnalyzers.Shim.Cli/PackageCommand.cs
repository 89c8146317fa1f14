using System;
using System.Collections.Generic;
using System.CommandLine;
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
    /// <summary>What <c>package</c> was asked to do.</summary>
    internal sealed record Request(string Project, string? Function, string? Output, string? Framework, IReadOnlyList<string> Layers);

    /// <summary>The <c>package</c> command, its options and action.</summary>
    public static Command Create()
    {
        var project = new Argument<string>("project") { Description = "The function's project: a folder holding one .csproj, or the .csproj." };
        var function = new Option<string?>("--function")
        {
            Description = "The function of the template to package, by logical id or FunctionName (its runtime chooses the framework).",
            HelpName = "ID",
        };
        var output = new Option<string?>("--output", "-o") { Description = "The zip to write (default: <project>/bin/lambda-shim/<function>.zip).", HelpName = "file.zip" };
        var framework = new Option<string?>("--framework", "-f") { Description = "The target framework to publish a project that has several.", HelpName = "TFM" };
        var layers = new Option<string[]>("--layer")
        {
            Description = "A layer (folder or .zip) counted with the function against the 250 MB unzipped limit; repeat for several.",
            HelpName = "PATH",
        };
        var command = new Command(
            "package",
            "Publishes the project and writes the .zip Lambda expects (files 644; bootstrap, executables and folders 755; bootstrap at the root for provided.* runtimes), checked against the 50 MB zipped and 250 MB unzipped limits; prints the zip's path. Run it with `lambda-shim run file.zip` (what is tested is what is uploaded).")
        {
            project,
            function,
            output,
            framework,
            layers,
        };
        command.SetAction((parse, _) => RunAsync(Read(parse, project, function, output, framework, layers), Console.Out, Console.Error));
        return command;
    }

    private static Request Read(ParseResult parse, Argument<string> project, Option<string?> function, Option<string?> output, Option<string?> framework, Option<string[]> layers) =>
        new(parse.GetRequiredValue(project), parse.GetValue(function), parse.GetValue(output), parse.GetValue(framework), parse.GetValue(layers) ?? Array.Empty<string>());

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
