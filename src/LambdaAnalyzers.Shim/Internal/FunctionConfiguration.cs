using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Platform;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The function's configuration after reading its configuration file and applying the options.</summary>
internal sealed record FunctionSpec
{
    public required string Name { get; init; }

    /// <summary>The template's logical id of the function, when a template declares it.</summary>
    public string? LogicalId { get; init; }

    /// <summary>What the configuration file said that the shim could not use (values computed at deploy time).</summary>
    public IReadOnlyList<string> ConfigurationNotes { get; init; } = Array.Empty<string>();

    public required string Handler { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required int MemorySizeMB { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string Region { get; init; }

    /// <summary>The credentials the function gets, if any.</summary>
    public AwsCredentials? Credentials { get; init; }

    public required string AccountId { get; init; }

    public required string Version { get; init; }

    public required ShimExecutionMode Mode { get; init; }

    /// <summary>The runtime a configuration file declares (<c>dotnet8</c>, <c>provided.al2023</c>), if it declares one.</summary>
    public string? Runtime { get; init; }

    /// <summary>Directory holding the function's code (the task root), if any.</summary>
    public string? CodeDirectory { get; init; }

    /// <summary>Command line of an out-of-process runtime.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Main assembly of an in-process runtime.</summary>
    public string? EntryAssembly { get; init; }

    /// <summary>Arguments of the in-process entry point (the handler string for the class-library host).</summary>
    public IReadOnlyList<string> EntryArguments { get; init; } = Array.Empty<string>();

    /// <summary>The assembly whose <c>.deps.json</c> resolves the in-process runtime's dependencies (the function's).</summary>
    public string? DependencyAssembly { get; init; }

    public string Arn => $"arn:aws:lambda:{Region}:{AccountId}:function:{Name}";
}

/// <summary>Turns options + configuration files + the code folder into a <see cref="FunctionSpec"/>.</summary>
internal static class FunctionResolver
{
    /// <summary>The one function <paramref name="options"/> describes (<see cref="LambdaShimOptions.Function"/> picks one of several).</summary>
    public static FunctionSpec Resolve(LambdaShimOptions options, string workingDirectory)
    {
        var codeDirectory = PrepareCode(options, workingDirectory);
        var declared = DeclaredFunctions.Read(options.ConfigurationDirectory ?? codeDirectory);
        return Resolve(options, codeDirectory, declared.Select(options.Function));
    }

    /// <summary>The logical ids (or names) of the functions the configuration declares; empty when it declares none or one without a name.</summary>
    public static IReadOnlyList<string> DeclaredNames(LambdaShimOptions options)
    {
        var directory = options.ConfigurationDirectory ?? (options.CodePath is { } code && Directory.Exists(code) ? code : null);
        return DeclaredFunctions.Read(directory).Functions.Select(f => f.LogicalId ?? f.Name).OfType<string>().ToArray();
    }

    private static string? PrepareCode(LambdaShimOptions options, string workingDirectory)
    {
        if (options.CodePath is not { } codePath)
        {
            return null;
        }

        var full = Path.GetFullPath(codePath);
        if (File.Exists(full) && PackageLimits.IsZip(full))
        {
            // The deployment package as Lambda extracts it into /var/task, with the modes it records: a bootstrap zipped
            // without its execute bit fails, as on Lambda.
            var codeDirectory = Path.Combine(workingDirectory, "task");
            UnixZip.Extract(full, codeDirectory);
            return codeDirectory;
        }

        if (Directory.Exists(full))
        {
            return full;
        }

        throw new FileNotFoundException($"Function code not found: {full}", full);
    }

    private static FunctionSpec Resolve(LambdaShimOptions options, string? codeDirectory, DeclaredFunction? declared)
    {
        declared?.ThrowIfLambdaRefusesItsRuntime();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in declared?.Environment ?? new Dictionary<string, string>())
        {
            environment[pair.Key] = pair.Value;
        }

        foreach (var pair in options.Environment)
        {
            environment[pair.Key] = pair.Value;
        }

        var handler = options.Handler ?? declared?.Handler ?? "bootstrap";
        var spec = new FunctionSpec
        {
            Name = options.FunctionName ?? declared?.Name ?? DefaultName(options, codeDirectory, handler),
            LogicalId = declared?.LogicalId,
            Handler = handler,
            Timeout = options.Timeout ?? (declared?.TimeoutSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(3)),
            MemorySizeMB = options.MemorySizeMB ?? declared?.MemorySizeMB ?? 128,
            Environment = environment,
            Region = options.Region,
            Credentials = options.Credentials,
            AccountId = options.AccountId,
            Version = options.FunctionVersion,
            Mode = options.Mode,
            Runtime = declared?.Runtime,
            CodeDirectory = codeDirectory,
            ConfigurationNotes = declared?.Notes.Select(note => $"{declared.Config.FilePath}: {note}").ToArray() ?? Array.Empty<string>(),
        };

        return options.Mode switch
        {
            ShimExecutionMode.External => spec,
            ShimExecutionMode.InProcess => WithEntryAssembly(spec, codeDirectory, handler),
            _ => WithCommand(spec, options.Command, codeDirectory, handler, options.Layers),
        };
    }

    /// <summary>
    /// The name when neither the options nor a configuration file give one: the project's name (one
    /// <c>*.csproj</c> in the configuration directory), else the function assembly's name (class-library
    /// handler, <c>Handler.dll</c>, or the only <c>*.runtimeconfig.json</c>), else the zip's name, else <c>function</c>.
    /// </summary>
    internal static string DefaultName(LambdaShimOptions options, string? codeDirectory, string handler)
    {
        if ((options.ConfigurationDirectory ?? codeDirectory) is { } configurationDirectory && Directory.Exists(configurationDirectory)
            && Directory.GetFiles(configurationDirectory, "*.csproj") is [var project])
        {
            return Path.GetFileNameWithoutExtension(project);
        }

        if (handler.Contains("::", StringComparison.Ordinal))
        {
            return handler.Substring(0, handler.IndexOf("::", StringComparison.Ordinal)).Trim();
        }

        if (codeDirectory is not null)
        {
            if (File.Exists(Path.Combine(codeDirectory, handler + ".dll")))
            {
                return handler;
            }

            var configs = Directory.GetFiles(codeDirectory, "*.runtimeconfig.json")
                .Where(f => !Path.GetFileName(f).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
                .ToArray();
            if (configs.Length == 1)
            {
                return Path.GetFileName(configs[0]).Substring(0, Path.GetFileName(configs[0]).Length - ".runtimeconfig.json".Length);
            }
        }

        if (options.CodePath is { } codePath && codePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFileNameWithoutExtension(codePath);
        }

        return "function";
    }

    /// <summary>
    /// What starts the runtime, in Lambda's order: the code's own <c>bootstrap</c>; for an OS-only runtime
    /// (<c>provided.*</c>) a layer's (<see cref="LayerView.Bootstrap"/>); the class-library host for an
    /// <c>Assembly::Type::Method</c> handler; the executable assembly; and, when the configuration names no runtime and
    /// the code has nothing to start, a layer's <c>bootstrap</c>.
    /// </summary>
    private static FunctionSpec WithCommand(FunctionSpec spec, IList<string>? command, string? codeDirectory, string handler, IList<string> layers)
    {
        if (command is { Count: > 0 })
        {
            return Copy(spec, command.ToArray(), null);
        }

        if (codeDirectory is null)
        {
            throw new InvalidOperationException("Out-of-process mode needs LambdaShimOptions.CodePath or LambdaShimOptions.Command.");
        }

        var bootstrap = Path.Combine(codeDirectory, "bootstrap");
        if (File.Exists(bootstrap))
        {
            return Copy(spec, new[] { bootstrap }, null);
        }

        var fullLayers = layers.Select(Path.GetFullPath).ToArray();
        if (spec.Runtime is { } runtime && LambdaRuntimes.IsOsOnly(runtime) && LayerView.ProvidesBootstrap(fullLayers))
        {
            return Copy(spec, new[] { LayerView.Bootstrap }, null);
        }

        if (handler.Contains("::", StringComparison.Ordinal))
        {
            var assemblyName = handler.Substring(0, handler.IndexOf("::", StringComparison.Ordinal)).Trim();
            return Copy(spec, ClassLibraryHostCommand(codeDirectory, assemblyName, handler), null);
        }

        if (TryFindEntryAssembly(codeDirectory, handler) is { } dll)
        {
            return Copy(spec, new[] { DotnetMuxer(), dll }, null);
        }

        if (spec.Runtime is null && LayerView.ProvidesBootstrap(fullLayers))
        {
            return Copy(spec, new[] { LayerView.Bootstrap }, null);
        }

        throw NoRuntime(codeDirectory, handler);
    }

    private static FunctionSpec WithEntryAssembly(FunctionSpec spec, string? codeDirectory, string handler)
    {
        if (codeDirectory is null)
        {
            throw new InvalidOperationException("In-process mode needs LambdaShimOptions.CodePath.");
        }

        if (handler.Contains("::", StringComparison.Ordinal))
        {
            // Class-library handler: the host's entry point runs in the function's load context.
            var assemblyName = handler.Substring(0, handler.IndexOf("::", StringComparison.Ordinal)).Trim();
            var functionAssembly = Path.Combine(codeDirectory, assemblyName + ".dll");
            return spec with { EntryAssembly = ClassLibraryHostPath(), EntryArguments = new[] { handler }, DependencyAssembly = functionAssembly };
        }

        return Copy(spec, null, FindEntryAssembly(codeDirectory, handler));
    }

    /// <summary>
    /// The executable-assembly rule: the handler names the assembly; otherwise the only
    /// <c>*.runtimeconfig.json</c> in the folder names it.
    /// </summary>
    private static string FindEntryAssembly(string codeDirectory, string handler) =>
        TryFindEntryAssembly(codeDirectory, handler) ?? throw NoRuntime(codeDirectory, handler);

    private static InvalidOperationException NoRuntime(string codeDirectory, string handler) => new(
        $"No runtime found in {codeDirectory}: expected a 'bootstrap' file (the code's, or a layer's for a provided.* runtime), '{handler}.dll', " +
        "exactly one *.runtimeconfig.json, or a class-library handler 'Assembly::Type::Method'.");

    private static string? TryFindEntryAssembly(string codeDirectory, string handler)
    {
        var named = Path.Combine(codeDirectory, handler + ".dll");
        if (File.Exists(named))
        {
            return named;
        }

        var configs = Directory.GetFiles(codeDirectory, "*.runtimeconfig.json")
            .Where(f => !Path.GetFileName(f).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (configs.Length == 1)
        {
            var dll = configs[0].Substring(0, configs[0].Length - ".runtimeconfig.json".Length) + ".dll";
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        return null;
    }

    internal static string[] ClassLibraryHostCommand(string codeDirectory, string assemblyName, string handler)
    {
        var deps = Path.Combine(codeDirectory, assemblyName + ".deps.json");
        var runtimeConfig = Path.Combine(codeDirectory, assemblyName + ".runtimeconfig.json");
        var host = ClassLibraryHostPath();
        var command = new List<string> { DotnetMuxer(), "exec" };
        if (File.Exists(deps))
        {
            command.Add("--depsfile");
            command.Add(deps);
        }

        if (File.Exists(runtimeConfig))
        {
            command.Add("--runtimeconfig");
            command.Add(runtimeConfig);
        }
        else
        {
            // Class libraries have no runtimeconfig of their own; the host's says which framework to use.
            command.Add("--runtimeconfig");
            command.Add(Path.ChangeExtension(host, ".runtimeconfig.json"));
        }

        command.Add(host);
        command.Add(handler);
        return command.ToArray();
    }

    internal static string ClassLibraryHostPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "lambda-shim-classlib-host", "LambdaAnalyzers.Shim.ClassLibraryHost.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The class-library host was not found next to LambdaAnalyzers.Shim.", path);
        }

        return path;
    }

    /// <summary>
    /// The installation folder of <paramref name="muxer"/>, symbolic links followed: distribution packages install
    /// <c>/usr/bin/dotnet</c> as a link to <c>/usr/share/dotnet/dotnet</c>, and an app host told
    /// <c>DOTNET_ROOT=/usr/bin</c> finds no runtime there (".NET location: Not found").
    /// </summary>
    internal static string DotnetRoot(string muxer)
    {
        var target = new FileInfo(muxer).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(muxer);
        return Path.GetDirectoryName(target)!;
    }

    /// <summary>The <c>dotnet</c> executable that runs this host (so functions run on the same installation).</summary>
    internal static string DotnetMuxer()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (System.Environment.ProcessPath is { } processPath
            && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        var root = System.Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }

    private static FunctionSpec Copy(FunctionSpec spec, IReadOnlyList<string>? command, string? entryAssembly) =>
        spec with { Command = command, EntryAssembly = entryAssembly };
}
