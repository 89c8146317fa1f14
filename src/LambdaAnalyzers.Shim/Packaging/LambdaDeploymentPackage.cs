using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Platform;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim;

/// <summary>
/// Writes the <c>.zip</c> deployment package Lambda expects (docs/platform/layers-and-packages.md): every file at its
/// path relative to the publish folder, regular files with mode 644, <c>bootstrap</c> and other executables and every
/// directory with 755 (Unix modes in the entries' external attributes), <c>bootstrap</c> at the root for a
/// <c>provided.*</c> runtime; checked against the 50 MB zipped and 250 MB unzipped (function and layers) limits.
/// <see cref="LambdaShimOptions.CodePath"/> takes the zip, so the shim runs exactly what is uploaded.
/// </summary>
public static class LambdaDeploymentPackage
{
    /// <summary>The largest package uploaded directly (50 MB zipped).</summary>
    public const long MaxZippedBytes = 52_428_800;

    /// <summary>The most a function's code and its layers may take extracted (250 MB).</summary>
    public const long MaxUnzippedBytes = 262_144_000;

    /// <summary>
    /// Publishes <paramref name="project"/> (a <c>.csproj</c> file, or the folder holding one) with <c>dotnet publish</c>
    /// into a clean folder under its <c>bin/lambda-shim/publish</c>, then writes the package with
    /// <see cref="Create(string, string, LambdaPackageOptions?)"/>. The function's name and runtime come from the
    /// project's template or <c>aws-lambda-tools-defaults.json</c> (<see cref="LambdaPackageOptions.Function"/> picks one of several).
    /// </summary>
    /// <exception cref="InvalidOperationException">The publish failed (its last lines are in the message), or the template cannot be read.</exception>
    /// <exception cref="LambdaServiceException">A limit is exceeded, a <c>provided.*</c> function has no <c>bootstrap</c>, or the runtime is one Lambda refuses (retired, or a .NET identifier it never had).</exception>
    public static async Task<LambdaPackage> PublishAsync(string project, string zipPath, LambdaPackageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(zipPath);
        options ??= new LambdaPackageOptions();
        var projectFile = ProjectFile(project);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var declared = DeclaredFunctions.Read(projectDirectory).Select(options.Function);
        var name = options.FunctionName ?? declared?.Name ?? Path.GetFileNameWithoutExtension(projectFile);
        var runtime = options.Runtime ?? declared?.Runtime;
        // Refused before the publish, which would be wasted on a package Lambda does not take.
        ThrowIfRefused(name, runtime);

        var publishDirectory = Path.Combine(projectDirectory, "bin", "lambda-shim", "publish", options.Framework ?? "default");
        if (Directory.Exists(publishDirectory))
        {
            // A file left by an earlier publish must not slip into this package.
            Directory.Delete(publishDirectory, recursive: true);
        }

        var arguments = new List<string> { "publish", projectFile, "-c", options.Configuration, "-o", publishDirectory, "-nologo", "-clp:NoSummary", "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        if (options.Framework is { } framework)
        {
            arguments.AddRange(new[] { "-f", framework });
        }

        arguments.AddRange(options.PublishArguments);
        options.Log?.WriteLine($"lambda-shim: publishing {projectFile} for function {name}{(runtime is null ? string.Empty : $" ({runtime})")}");
        await RunDotnetAsync(arguments, projectDirectory, options.Log, cancellationToken).ConfigureAwait(false);

        var package = Write(publishDirectory, zipPath, name, runtime, options.Layers);
        options.Log?.WriteLine($"lambda-shim: wrote {package.Path} ({package.ZippedBytes:N0} bytes zipped, {package.UnzippedBytes:N0} bytes unzipped)");
        return package;
    }

    /// <summary>
    /// Writes the package of an existing publish folder to <paramref name="zipPath"/> (replaced if it exists; left alone when
    /// a check fails). A file is executable (755) when it is named <c>bootstrap</c>, has an execute bit, or starts as an ELF
    /// binary or a <c>#!</c> script does; every other file is 644.
    /// </summary>
    /// <exception cref="LambdaServiceException">A limit is exceeded, a <c>provided.*</c> function has no <c>bootstrap</c>, or the runtime is one Lambda refuses (retired, or a .NET identifier it never had).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="publishDirectory"/> does not exist.</exception>
    public static LambdaPackage Create(string publishDirectory, string zipPath, LambdaPackageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publishDirectory);
        ArgumentNullException.ThrowIfNull(zipPath);
        options ??= new LambdaPackageOptions();
        var name = options.FunctionName ?? options.Function ?? Path.GetFileNameWithoutExtension(zipPath);
        ThrowIfRefused(name, options.Runtime);
        return Write(publishDirectory, zipPath, name, options.Runtime, options.Layers);
    }

    /// <summary>CreateFunction's answer to a runtime Lambda refuses (<see cref="LambdaRuntimes.Refusal"/>).</summary>
    private static void ThrowIfRefused(string name, string? runtime)
    {
        if (runtime is not null && LambdaRuntimes.Refusal(runtime) is { } refusal)
        {
            throw new LambdaServiceException(400, "InvalidParameterValueException", $"Function '{name}': runtime '{runtime.Trim()}' {LambdaRuntimes.Explain(runtime.Trim(), refusal)}.");
        }
    }

    private static LambdaPackage Write(string publishDirectory, string zipPath, string name, string? runtime, IList<string> layers)
    {
        var source = Path.GetFullPath(publishDirectory);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Function '{name}': the publish folder {source} does not exist.");
        }

        var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new LambdaServiceException(400, "InvalidParameterValueException", $"Function '{name}': the publish folder {source} is empty.");
        }

        if (runtime is not null && LambdaRuntimes.IsOsOnly(runtime) && !File.Exists(Path.Combine(source, "bootstrap"))
            && !LayerView.ProvidesBootstrap(layers.Select(Path.GetFullPath)))
        {
            throw new LambdaServiceException(
                400, "InvalidParameterValueException",
                $"Function '{name}' runs on {runtime}, which starts the file 'bootstrap' at the root of the package (else a layer's, {LayerView.Bootstrap}), and neither {source} nor a layer has one. " +
                "Name the executable bootstrap (<AssemblyName>bootstrap</AssemblyName>), add the layer that provides the runtime, or use a managed runtime (dotnet8).");
        }

        var unzipped = files.Sum(f => new FileInfo(f).Length);
        var layerSizes = layers.Select(l => (l, PackageLimits.UnzippedSize(l))).ToArray();
        PackageLimits.CheckUnzipped(name, unzipped, layerSizes);

        var target = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        try
        {
            WriteZip(source, files, partial);
            var zipped = new FileInfo(partial).Length;
            PackageLimits.CheckZipped(name, zipped);
            File.Move(partial, target, overwrite: true);
            return new LambdaPackage(target, name, runtime, zipped, unzipped, layerSizes.Sum(l => l.Item2));
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static void WriteZip(string source, string[] files, string zipPath)
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories).OrderBy(d => d, StringComparer.Ordinal))
        {
            var entry = archive.CreateEntry(EntryName(source, directory) + "/");
            entry.ExternalAttributes = UnixZip.Attributes(UnixZip.Executable, directory: true);
            entry.LastWriteTime = ZipTime(Directory.GetLastWriteTimeUtc(directory));
        }

        foreach (var file in files)
        {
            var entry = archive.CreateEntry(EntryName(source, file), CompressionLevel.Optimal);
            entry.ExternalAttributes = UnixZip.Attributes(IsExecutable(file) ? UnixZip.Executable : UnixZip.RegularFile, directory: false);
            entry.LastWriteTime = ZipTime(File.GetLastWriteTimeUtc(file));
            using var input = File.OpenRead(file);
            using var output = entry.Open();
            input.CopyTo(output);
        }
    }

    /// <summary><c>bootstrap</c>, a file with an execute bit, or one starting as an ELF binary or a script does.</summary>
    internal static bool IsExecutable(string file)
    {
        if (Path.GetFileName(file) == "bootstrap")
        {
            return true;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
        {
            return true;
        }

        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return (read >= 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
            || (read >= 2 && head[0] == (byte)'#' && head[1] == (byte)'!');
    }

    private static string EntryName(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Zip times start in 1980.</summary>
    private static DateTimeOffset ZipTime(DateTime utc) =>
        utc.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(utc, TimeSpan.Zero);

    internal static string ProjectFile(string project)
    {
        var full = Path.GetFullPath(project);
        if (File.Exists(full))
        {
            return full;
        }

        if (Directory.Exists(full))
        {
            return Directory.GetFiles(full, "*.csproj") switch
            {
                [var one] => one,
                [] => throw new FileNotFoundException($"No project file (*.csproj) in {full}."),
                var several => throw new InvalidOperationException($"{full} holds {several.Length} project files; name the one to package."),
            };
        }

        throw new FileNotFoundException($"Project not found: {full}", full);
    }

    private static async Task RunDotnetAsync(IReadOnlyList<string> arguments, string workingDirectory, TextWriter? log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(FunctionResolver.DotnetMuxer())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var lines = new List<string>();
        Process? started;
        lock (Internal.Posix.ProcessStartGate)
        {
            started = Process.Start(info);
        }

        using var process = started ?? throw new InvalidOperationException("dotnet could not be started.");
        var pump = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await pump.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            List<string> tail;
            lock (lines)
            {
                tail = lines.Skip(Math.Max(0, lines.Count - 20)).ToList();
            }

            throw new InvalidOperationException($"dotnet {arguments[0]} failed (exit code {process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
        }

        async Task Pump(StreamReader reader)
        {
            string? line;
            while ((line = await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false)) is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                if (line.Contains(": warning ", StringComparison.Ordinal) || line.Contains(": error ", StringComparison.Ordinal))
                {
                    log?.WriteLine(line.Trim());
                }
            }
        }
    }
}
