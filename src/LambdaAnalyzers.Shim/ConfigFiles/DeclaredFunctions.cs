using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Platform;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The functions a configuration folder declares, read with the analyzers' own readers: the function of
/// <c>aws-lambda-tools-defaults.json</c> when it has <c>function-*</c> settings, else every function of the
/// template it names (<c>template</c>) or of <c>serverless.template</c>, else of <c>template.yaml</c>/<c>template.yml</c>.
/// </summary>
internal sealed class DeclaredFunctions
{
    public static readonly DeclaredFunctions None = new(null, Array.Empty<DeclaredFunction>());

    private DeclaredFunctions(string? source, IReadOnlyList<DeclaredFunction> functions)
    {
        Source = source;
        Functions = functions;
    }

    /// <summary>The file the functions come from.</summary>
    public string? Source { get; }

    public IReadOnlyList<DeclaredFunction> Functions { get; }

    /// <exception cref="InvalidOperationException">A configuration file cannot be read (its first error, located).</exception>
    public static DeclaredFunctions Read(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return None;
        }

        var tools = ReadFile(Path.Combine(directory, LambdaConfigFiles.ToolsDefaultsFileName));
        if (tools is { Functions.Length: > 0 })
        {
            return From(tools);
        }

        var candidates = new List<string>();
        if (tools?.Tools?.Template is { IsIntrinsic: false, Value: { Length: > 0 } named })
        {
            candidates.Add(Path.Combine(directory, named));
        }

        candidates.AddRange(new[] { "serverless.template", "template.yaml", "template.yml" }.Select(name => Path.Combine(directory, name)));
        foreach (var candidate in candidates)
        {
            if (ReadFile(candidate) is { } template)
            {
                return From(template);
            }
        }

        return None;
    }

    /// <summary>
    /// The function called <paramref name="name"/> (its logical id or its <c>FunctionName</c>); without a name, the only one.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such function, or several and no name.</exception>
    public DeclaredFunction? Select(string? name)
    {
        if (name is null)
        {
            return Functions.Count switch
            {
                0 => null,
                1 => Functions[0],
                _ => throw new InvalidOperationException(
                    $"{Source} declares {Functions.Count} functions ({List()}): choose one by its logical id (LambdaShimOptions.Function, lambda-shim --function)."),
            };
        }

        return Functions.FirstOrDefault(f => f.Answers(name))
            ?? throw new InvalidOperationException(Functions.Count == 0
                ? $"No function '{name}': no template or aws-lambda-tools-defaults.json declares functions here."
                : $"{Source} declares no function '{name}'; it declares {List()}.");
    }

    private string List() => string.Join(", ", Functions.Select(f => f.LogicalId ?? f.Name ?? "(unnamed)"));

    private static ConfigFile? ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var file = LambdaConfigFiles.ReadText(path, File.ReadAllText(path));
        if (file.Error is { } error)
        {
            throw new InvalidOperationException($"{error.Location}: {error.Message}");
        }

        return file;
    }

    private static DeclaredFunctions From(ConfigFile file) =>
        new(file.Path, file.Functions.Where(f => !f.IsImage).Select(f => new DeclaredFunction(f)).ToArray());
}

/// <summary>One declared function, its settings as the shim uses them: literal values only (intrinsics are noted).</summary>
internal sealed class DeclaredFunction
{
    public DeclaredFunction(FunctionConfig config)
    {
        Config = config;
        var notes = new List<string>();
        Handler = Literal(config.Handler, "Handler", notes);
        // Only packaging reads it (the shim runs what the code folder holds): no note when it is computed.
        Runtime = config.Runtime is { IsIntrinsic: false } runtime ? runtime.Value : null;
        Name = Literal(config.FunctionName, "FunctionName", notes) ?? config.LogicalId;
        MemorySizeMB = Literal(config.MemorySize, "MemorySize", notes);
        TimeoutSeconds = Literal(config.Timeout, "Timeout", notes);
        EphemeralStorageMB = Literal(config.EphemeralStorage, "EphemeralStorage.Size", notes);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in config.EnvironmentVariables)
        {
            if (variable.Name.IsIntrinsic || variable.Value is not { } value)
            {
                continue;
            }

            if (value.IsIntrinsic)
            {
                notes.Add($"the variable {variable.Name.Value} is computed at deploy time ({value.Location}); it is not set");
                continue;
            }

            environment[variable.Name.Value] = value.Value;
        }

        Environment = environment;
        Notes = notes;
    }

    public FunctionConfig Config { get; }

    /// <summary>The template's logical id (null for a tools-defaults function).</summary>
    public string? LogicalId => Config.LogicalId;

    /// <summary><c>FunctionName</c> when literal, else the logical id, else null.</summary>
    public string? Name { get; }

    public string? Handler { get; }

    /// <summary>The runtime identifier (<c>dotnet8</c>, <c>provided.al2023</c>, …) when literal.</summary>
    public string? Runtime { get; }

    public int? MemorySizeMB { get; }

    public int? TimeoutSeconds { get; }

    public int? EphemeralStorageMB { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>What the shim could not take from the file (values computed at deploy time).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Lambda does not create or update a function on a retired runtime or on a .NET identifier it never had
    /// (<see cref="LambdaRuntimes.Refusal"/>, the analyzers' LAM0304): such a function never runs there, so the shim neither
    /// runs nor packages it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The runtime is one Lambda refuses (the message points at it in the file).</exception>
    public void ThrowIfLambdaRefusesItsRuntime()
    {
        if (Runtime is { } runtime && LambdaRuntimes.Refusal(runtime) is { } refusal)
        {
            throw new InvalidOperationException(
                $"{Config.Runtime!.Location}: Runtime '{runtime.Trim()}' {LambdaRuntimes.Explain(runtime.Trim(), refusal)}. Lambda refuses to deploy function '{Name}' with it.");
        }
    }

    /// <summary>Whether <paramref name="name"/> names this function (logical id or function name).</summary>
    public bool Answers(string name) => string.Equals(name, LogicalId, StringComparison.Ordinal) || string.Equals(name, Name, StringComparison.Ordinal);

    private static string? Literal(ConfigValue<string>? value, string setting, List<string> notes)
    {
        if (value is { IsIntrinsic: true })
        {
            notes.Add($"{setting} is computed at deploy time ({value.Location}); it is not used");
            return null;
        }

        return value?.Value;
    }

    private static int? Literal(ConfigValue<int>? value, string setting, List<string> notes)
    {
        if (value is { IsIntrinsic: true })
        {
            notes.Add($"{setting} is computed at deploy time ({value.Location}); the default applies");
            return null;
        }

        return value?.Value;
    }
}
