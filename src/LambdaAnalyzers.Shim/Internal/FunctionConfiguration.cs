using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The function's configuration after reading its configuration file and applying the options.</summary>
internal sealed class FunctionSpec
{
    public required string Name { get; init; }

    public required string Handler { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required int MemorySizeMB { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string Region { get; init; }

    public required string AccountId { get; init; }

    public required string Version { get; init; }

    public required ShimExecutionMode Mode { get; init; }

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

/// <summary>Values read from <c>aws-lambda-tools-defaults.json</c>, <c>serverless.template</c> or a SAM <c>template.yaml</c>.</summary>
internal sealed class FileConfiguration
{
    public string? Source { get; set; }

    public string? FunctionName { get; set; }

    /// <summary>The logical id of the template resource read (a SAM/CloudFormation template), for its events.</summary>
    public string? ResourceName { get; set; }

    public string? Handler { get; set; }

    public int? MemorySizeMB { get; set; }

    public int? TimeoutSeconds { get; set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public static FileConfiguration Read(string? directory)
    {
        var config = new FileConfiguration();
        if (directory is null || !Directory.Exists(directory))
        {
            return config;
        }

        var tools = Path.Combine(directory, "aws-lambda-tools-defaults.json");
        if (File.Exists(tools))
        {
            ReadToolsDefaults(tools, config);
            return config;
        }

        var serverless = Path.Combine(directory, "serverless.template");
        if (File.Exists(serverless))
        {
            ReadCloudFormationJson(serverless, config);
            return config;
        }

        foreach (var name in new[] { "template.yaml", "template.yml" })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                ReadSamYaml(path, config);
                return config;
            }
        }

        return config;
    }

    private static JsonDocumentOptions JsonOptions => new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static void ReadToolsDefaults(string path, FileConfiguration config)
    {
        config.Source = path;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
        var root = document.RootElement;
        config.Handler = String(root, "function-handler");
        config.FunctionName = String(root, "function-name");
        config.MemorySizeMB = Int(root, "function-memory-size");
        config.TimeoutSeconds = Int(root, "function-timeout");
        if (String(root, "environment-variables") is { } variables)
        {
            // "K1=V1;K2=V2", the format the Lambda tools write.
            foreach (var pair in variables.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    config.Environment[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
                }
            }
        }
    }

    private static void ReadCloudFormationJson(string path, FileConfiguration config)
    {
        config.Source = path;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
        var root = document.RootElement;
        if (root.TryGetProperty("Globals", out var globals) && globals.TryGetProperty("Function", out var globalFunction))
        {
            ApplyJsonProperties(globalFunction, config);
        }

        if (root.TryGetProperty("Resources", out var resources) && resources.ValueKind == JsonValueKind.Object)
        {
            foreach (var resource in resources.EnumerateObject())
            {
                var type = String(resource.Value, "Type");
                if (type is "AWS::Serverless::Function" or "AWS::Lambda::Function" && resource.Value.TryGetProperty("Properties", out var properties))
                {
                    config.FunctionName ??= String(properties, "FunctionName") ?? resource.Name;
                    config.ResourceName = resource.Name;
                    ApplyJsonProperties(properties, config);
                    return;
                }
            }
        }
    }

    private static void ApplyJsonProperties(JsonElement properties, FileConfiguration config)
    {
        config.Handler = String(properties, "Handler") ?? config.Handler;
        config.MemorySizeMB = Int(properties, "MemorySize") ?? config.MemorySizeMB;
        config.TimeoutSeconds = Int(properties, "Timeout") ?? config.TimeoutSeconds;
        if (properties.TryGetProperty("Environment", out var environment) && environment.TryGetProperty("Variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in variables.EnumerateObject())
            {
                if (variable.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    config.Environment[variable.Name] = variable.Value.ToString();
                }
            }
        }
    }

    /// <summary>A deliberately small YAML reader: nested maps of scalars, enough for SAM function properties.</summary>
    private static void ReadSamYaml(string path, FileConfiguration config)
    {
        config.Source = path;
        var root = SimpleYaml.Parse(File.ReadAllLines(path));
        if (SimpleYaml.Map(root, "Globals") is { } globals && SimpleYaml.Map(globals, "Function") is { } globalFunction)
        {
            ApplyYamlProperties(globalFunction, config);
        }

        if (SimpleYaml.Map(root, "Resources") is { } resources)
        {
            foreach (var pair in resources)
            {
                if (pair.Value is Dictionary<string, object> resource
                    && SimpleYaml.Scalar(resource, "Type") is "AWS::Serverless::Function" or "AWS::Lambda::Function"
                    && SimpleYaml.Map(resource, "Properties") is { } properties)
                {
                    config.FunctionName ??= SimpleYaml.Scalar(properties, "FunctionName") ?? pair.Key;
                    config.ResourceName = pair.Key;
                    ApplyYamlProperties(properties, config);
                    return;
                }
            }
        }
    }

    private static void ApplyYamlProperties(Dictionary<string, object> properties, FileConfiguration config)
    {
        config.Handler = SimpleYaml.Scalar(properties, "Handler") ?? config.Handler;
        if (int.TryParse(SimpleYaml.Scalar(properties, "MemorySize"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory))
        {
            config.MemorySizeMB = memory;
        }

        if (int.TryParse(SimpleYaml.Scalar(properties, "Timeout"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var timeout))
        {
            config.TimeoutSeconds = timeout;
        }

        if (SimpleYaml.Map(properties, "Environment") is { } environment && SimpleYaml.Map(environment, "Variables") is { } variables)
        {
            foreach (var pair in variables)
            {
                if (pair.Value is string value)
                {
                    config.Environment[pair.Key] = value;
                }
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number) ? number : null;
    }
}

/// <summary>
/// Indentation-based YAML subset: maps, scalars and lists of scalars (<c>- item</c> lines or <c>[a, b]</c>) as
/// <see cref="Dictionary{TKey, TValue}"/>, <see cref="string"/> and <see cref="List{T}"/> of strings; lists of maps
/// and other flow styles are skipped.
/// </summary>
internal static class SimpleYaml
{
    public static Dictionary<string, object> Parse(IEnumerable<string> lines)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var stack = new List<(int Indent, Dictionary<string, object> Map, Dictionary<string, object>? Parent, string? Key)> { (-1, root, null, null) };
        foreach (var raw in lines)
        {
            var line = StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (text.StartsWith('-'))
            {
                // "- item" under a key with no value of its own (at the key's indent or deeper) makes that key a list.
                while (stack.Count > 1 && stack[^1].Indent > indent)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                var item = text.Substring(1).Trim();
                var (_, map, parent, listKey) = stack[^1];
                if (parent is not null && listKey is not null && map.Count == 0 && item.Length > 0 && !IsMapEntry(item))
                {
                    if (parent[listKey] is not List<object> list)
                    {
                        parent[listKey] = list = new List<object>();
                    }

                    list.Add(Unquote(item));
                }

                continue;
            }

            var colon = text.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            while (stack.Count > 1 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var key = Unquote(text.Substring(0, colon).Trim());
            var value = text.Substring(colon + 1).Trim();
            var owner = stack[^1].Map;
            if (value.Length == 0)
            {
                var child = new Dictionary<string, object>(StringComparer.Ordinal);
                owner[key] = child;
                stack.Add((indent, child, owner, key));
            }
            else if (value.StartsWith('[') && value.EndsWith(']'))
            {
                owner[key] = value.Substring(1, value.Length - 2).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => (object)Unquote(v)).ToList();
            }
            else
            {
                owner[key] = Unquote(value);
            }
        }

        return root;

        static bool IsMapEntry(string item)
        {
            var colon = item.IndexOf(':');
            return colon > 0 && (colon == item.Length - 1 || item[colon + 1] == ' ') && item[0] is not ('"' or '\'');
        }
    }

    /// <summary>The same tree from a JSON document (objects, arrays of scalars, scalars as their text).</summary>
    public static Dictionary<string, object> FromJson(JsonElement element)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    map[property.Name] = FromJson(property.Value);
                    break;
                case JsonValueKind.Array:
                    map[property.Name] = property.Value.EnumerateArray().Where(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                        .Select(v => (object)v.ToString()).ToList();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    map[property.Name] = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? property.Value.ToString().ToLowerInvariant() : property.Value.ToString();
                    break;
            }
        }

        return map;
    }

    /// <summary>A template file as a tree: JSON (<c>serverless.template</c>, <c>*.json</c>) or YAML.</summary>
    public static Dictionary<string, object> Load(string path)
    {
        var text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('{'))
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return FromJson(document.RootElement);
        }

        return Parse(text.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    public static Dictionary<string, object>? Map(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value as Dictionary<string, object> : null;

    public static string? Scalar(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>A list of scalars, or a single scalar as a list of one.</summary>
    public static IReadOnlyList<string> List(Dictionary<string, object> map, string key) => map.TryGetValue(key, out var value)
        ? value switch
        {
            List<object> list => list.OfType<string>().ToList(),
            string scalar => new[] { scalar },
            _ => Array.Empty<string>(),
        }
        : Array.Empty<string>();

    private static string StripComment(string line)
    {
        var inSingle = false;
        var inDouble = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' && !inDouble)
            {
                inSingle = !inSingle;
            }
            else if (c == '"' && !inSingle)
            {
                inDouble = !inDouble;
            }
            else if (c == '#' && !inSingle && !inDouble && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line.Substring(0, i);
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? value.Substring(1, value.Length - 2)
            : value;
}

/// <summary>Turns options + configuration files + the code folder into a <see cref="FunctionSpec"/>.</summary>
internal static class FunctionResolver
{
    public static FunctionSpec Resolve(LambdaShimOptions options, string workingDirectory)
    {
        string? codeDirectory = null;
        if (options.CodePath is { } codePath)
        {
            var full = Path.GetFullPath(codePath);
            if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                codeDirectory = Path.Combine(workingDirectory, "task");
                // Permissions stored in the archive are kept: a bootstrap without its execute bit fails, as on Lambda.
                ZipFile.ExtractToDirectory(full, codeDirectory, overwriteFiles: true);
            }
            else if (Directory.Exists(full))
            {
                codeDirectory = full;
            }
            else
            {
                throw new FileNotFoundException($"Function code not found: {full}", full);
            }
        }

        var file = FileConfiguration.Read(options.ConfigurationDirectory ?? codeDirectory);
        var environment = new Dictionary<string, string>(file.Environment, StringComparer.Ordinal);
        foreach (var pair in options.Environment)
        {
            environment[pair.Key] = pair.Value;
        }

        var handler = options.Handler ?? file.Handler ?? "bootstrap";
        var spec = new FunctionSpec
        {
            Name = options.FunctionName ?? file.FunctionName ?? DefaultName(options, codeDirectory, handler),
            Handler = handler,
            Timeout = options.Timeout ?? (file.TimeoutSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(3)),
            MemorySizeMB = options.MemorySizeMB ?? file.MemorySizeMB ?? 128,
            Environment = environment,
            Region = options.Region,
            AccountId = options.AccountId,
            Version = options.FunctionVersion,
            Mode = options.Mode,
            CodeDirectory = codeDirectory,
        };

        return options.Mode switch
        {
            ShimExecutionMode.External => spec,
            ShimExecutionMode.InProcess => WithEntryAssembly(spec, codeDirectory, handler),
            _ => WithCommand(spec, options.Command, codeDirectory, handler),
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

    private static FunctionSpec WithCommand(FunctionSpec spec, IList<string>? command, string? codeDirectory, string handler)
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

        if (handler.Contains("::", StringComparison.Ordinal))
        {
            var assemblyName = handler.Substring(0, handler.IndexOf("::", StringComparison.Ordinal)).Trim();
            return Copy(spec, ClassLibraryHostCommand(codeDirectory, assemblyName, handler), null);
        }

        var dll = FindEntryAssembly(codeDirectory, handler);
        return Copy(spec, new[] { DotnetMuxer(), dll }, null);
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
            var copy = Copy(spec, null, ClassLibraryHostPath());
            return new FunctionSpec
            {
                Name = copy.Name, Handler = copy.Handler, Timeout = copy.Timeout, MemorySizeMB = copy.MemorySizeMB, Environment = copy.Environment,
                Region = copy.Region, AccountId = copy.AccountId, Version = copy.Version, Mode = copy.Mode, CodeDirectory = copy.CodeDirectory,
                EntryAssembly = copy.EntryAssembly, EntryArguments = new[] { handler }, DependencyAssembly = functionAssembly,
            };
        }

        return Copy(spec, null, FindEntryAssembly(codeDirectory, handler));
    }

    /// <summary>
    /// The executable-assembly rule: the handler names the assembly; otherwise the only
    /// <c>*.runtimeconfig.json</c> in the folder names it.
    /// </summary>
    private static string FindEntryAssembly(string codeDirectory, string handler)
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

        throw new InvalidOperationException(
            $"No runtime found in {codeDirectory}: expected a 'bootstrap' file, '{handler}.dll', exactly one *.runtimeconfig.json, or a class-library handler 'Assembly::Type::Method'.");
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

    private static FunctionSpec Copy(FunctionSpec spec, IReadOnlyList<string>? command, string? entryAssembly) => new()
    {
        Name = spec.Name,
        Handler = spec.Handler,
        Timeout = spec.Timeout,
        MemorySizeMB = spec.MemorySizeMB,
        Environment = spec.Environment,
        Region = spec.Region,
        AccountId = spec.AccountId,
        Version = spec.Version,
        Mode = spec.Mode,
        CodeDirectory = spec.CodeDirectory,
        Command = command,
        EntryAssembly = entryAssembly,
    };
}
