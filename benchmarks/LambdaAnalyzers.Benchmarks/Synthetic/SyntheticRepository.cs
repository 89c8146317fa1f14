using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace LambdaAnalyzers.Benchmarks.Synthetic;

/// <summary>
/// A synthetic Lambda function repository: one class-library project of <c>Files</c> C# files plus
/// its deployment files, generated deterministically from a seed. Per 100 C# files:
/// <list type="bullet">
/// <item>10 function classes, each with one handler (<c>(TRequest, ILambdaContext) → Task&lt;TResponse&gt;</c>)
/// named by a class-library handler string in <c>template.yaml</c>; every other one also carries
/// <c>[LambdaHandler]</c>, so the wiring generator has work;</item>
/// <item>35 DTO files: records and classes with properties, nested DTOs, lists, dictionaries, enums and
/// <c>[JsonPropertyName]</c>, forming graphs that reach each other (requests and responses are roots);</item>
/// <item>30 services: async methods, LINQ, string work, shared clients held in static fields;</item>
/// <item>20 plain helpers: static utilities, extension methods, validators, constants;</item>
/// <item>5 files with the misuse the rules exist for (a context kept in a static field, a client
/// built per invoke, sync-over-async, fire-and-forget), so the rules report something.</item>
/// </list>
/// and one <c>template.yaml</c> (every function), one <c>aws-lambda-tools-defaults.json</c> (the
/// first function) and one <c>appsettings.json</c>; the misuse files are functions of the template too. The proportions are our estimate of a
/// medium-sized function repository (mostly models and services, few entry points); they are
/// parameters of this class, not measurements.
/// </summary>
internal sealed class SyntheticRepository
{
    public const string AssemblyName = "Contoso.Functions";
    public const string RootNamespace = "Contoso.Functions";

    private const int FunctionsPer100 = 10;
    private const int DtosPer100 = 35;
    private const int ServicesPer100 = 30;
    private const int MisusePer100 = 5;

    private SyntheticRepository(IReadOnlyList<RepositoryFile> sources, IReadOnlyList<RepositoryFile> configFiles, int functions)
    {
        Sources = sources;
        ConfigFiles = configFiles;
        Functions = functions;
    }

    /// <summary>C# files, paths relative to the project folder.</summary>
    public IReadOnlyList<RepositoryFile> Sources { get; }

    /// <summary>Deployment and settings files, paths relative to the project folder.</summary>
    public IReadOnlyList<RepositoryFile> ConfigFiles { get; }

    public int Functions { get; }

    /// <summary>The path of a service file whose method bodies an edit may touch without changing any handler's shape.</summary>
    public string UnrelatedFile => Sources.First(s => s.Path.StartsWith("Services/", StringComparison.Ordinal)).Path;

    public static SyntheticRepository Create(int files, int seed = 1)
    {
        if (files < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(files), "At least 20 files, so every kind is present.");
        }

        var random = new Random(seed);
        var functions = Math.Max(1, files * FunctionsPer100 / 100);
        var dtos = Math.Max(2, files * DtosPer100 / 100);
        var services = Math.Max(1, files * ServicesPer100 / 100);
        var misuse = Math.Max(1, files * MisusePer100 / 100);
        var helpers = files - functions - dtos - services - misuse;

        var sources = new List<RepositoryFile>();
        for (var i = 0; i < dtos; i++)
        {
            sources.Add(new RepositoryFile($"Models/Model{i:D4}.cs", Dto(i, dtos, random)));
        }

        for (var i = 0; i < services; i++)
        {
            sources.Add(new RepositoryFile($"Services/Service{i:D4}.cs", Service(i, dtos, random)));
        }

        for (var i = 0; i < helpers; i++)
        {
            sources.Add(new RepositoryFile($"Common/Helper{i:D4}.cs", Helper(i, random)));
        }

        for (var i = 0; i < misuse; i++)
        {
            sources.Add(new RepositoryFile($"Legacy/Legacy{i:D4}.cs", Misuse(i)));
        }

        for (var i = 0; i < functions; i++)
        {
            sources.Add(new RepositoryFile($"Functions/Function{i:D4}.cs", Function(i, dtos, services, withAttribute: i % 2 == 1)));
        }

        var configFiles = new List<RepositoryFile>
        {
            new("template.yaml", Template(functions, misuse)),
            new("aws-lambda-tools-defaults.json", ToolsDefaults()),
            new("appsettings.json", "{\n  \"Orders\": { \"TableName\": \"orders\", \"BatchSize\": 25 },\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } }\n}\n"),
        };
        return new SyntheticRepository(sources, configFiles, functions);
    }

    /// <summary>The source of <paramref name="path"/> with one line added to a method body: an edit that changes no declaration.</summary>
    public static string WithOneLineEdit(string text)
    {
        const string Marker = "        var total = 0;\n";
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The file has no line to edit.");
        }

        return text.Insert(at + Marker.Length, "        total += 1;\n");
    }

    /// <summary>Writes the sources and config files under <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        foreach (var file in Sources.Concat(ConfigFiles))
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    private static string Ns(string area) => RootNamespace + "." + area;

    private static string Dto(int index, int count, Random random)
    {
        // Each DTO file holds a request/response-like root or a nested model; references go to
        // higher indices, so the graph has depth and shared nodes but no dangling names.
        var sb = new StringBuilder();
        sb.Append("using System;\nusing System.Collections.Generic;\nusing System.Text.Json.Serialization;\n\n");
        sb.Append("namespace ").Append(Ns("Models")).Append(";\n\n");
        var name = "Model" + index.ToString("D4", CultureInfo.InvariantCulture);
        var child = index + 1 < count ? "Model" + (index + 1 + random.Next(Math.Min(5, count - index - 1))).ToString("D4", CultureInfo.InvariantCulture) : null;
        var other = index + 2 < count ? "Model" + (index + 2 + random.Next(Math.Min(7, count - index - 2))).ToString("D4", CultureInfo.InvariantCulture) : null;
        switch (index % 4)
        {
            case 0:
                sb.Append("public sealed record ").Append(name).Append("(string Id, DateTimeOffset CreatedAt, decimal Amount");
                if (child is not null)
                {
                    sb.Append(", IReadOnlyList<").Append(child).Append("> Items");
                }

                sb.Append(")\n{\n    public bool IsLarge => Amount > 1000m;\n}\n");
                break;
            case 1:
                sb.Append("public class ").Append(name).Append("\n{\n");
                sb.Append("    [JsonPropertyName(\"id\")]\n    public string Id { get; set; } = string.Empty;\n\n");
                sb.Append("    [JsonPropertyName(\"status\")]\n    public ").Append(name).Append("Status Status { get; set; }\n\n");
                sb.Append("    public Dictionary<string, string> Attributes { get; set; } = new();\n");
                if (other is not null)
                {
                    sb.Append("\n    public ").Append(other).Append("? Detail { get; set; }\n");
                }

                sb.Append("}\n\npublic enum ").Append(name).Append("Status\n{\n    Pending,\n    Active,\n    Closed,\n}\n");
                break;
            case 2:
                sb.Append("public class ").Append(name).Append("\n{\n");
                for (var p = 0; p < 6; p++)
                {
                    sb.Append("    public ").Append((p % 3) switch { 0 => "string", 1 => "int", _ => "double?" }).Append(" Field").Append(p).Append(" { get; init; }").Append(p % 3 == 0 ? " = string.Empty;" : string.Empty).Append('\n');
                }

                if (child is not null)
                {
                    sb.Append("    public List<").Append(child).Append("> Children { get; init; } = new();\n");
                }

                sb.Append("}\n");
                break;
            default:
                sb.Append("public sealed class ").Append(name).Append("\n{\n");
                sb.Append("    public required string Key { get; init; }\n    public long Version { get; set; }\n    public string[] Tags { get; set; } = Array.Empty<string>();\n");
                if (other is not null)
                {
                    sb.Append("    public Dictionary<string, ").Append(other).Append("> ByRegion { get; set; } = new();\n");
                }

                sb.Append("}\n");
                break;
        }

        return sb.ToString();
    }

    private static string Service(int index, int dtos, Random random)
    {
        var model = "Model" + random.Next(dtos).ToString("D4", CultureInfo.InvariantCulture);
        var name = "Service" + index.ToString("D4", CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using {{Ns("Models")}};

            namespace {{Ns("Services")}};

            public interface I{{name}}
            {
                Task<int> ProcessAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
            }

            public sealed class {{name}} : I{{name}}
            {
                private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
                private readonly Dictionary<string, {{model}}> _cache = new(StringComparer.Ordinal);

                public async Task<int> ProcessAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
                {
                    var total = 0;
                    foreach (var key in keys.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        total += await ScoreAsync(key, cancellationToken).ConfigureAwait(false);
                    }

                    return total;
                }

                public string Describe(IEnumerable<{{model}}> items)
                {
                    var sb = new StringBuilder();
                    foreach (var group in items.GroupBy(i => i.GetHashCode() % 7).OrderBy(g => g.Key))
                    {
                        sb.Append(group.Key).Append(':').Append(group.Count()).Append(';');
                    }

                    return sb.ToString();
                }

                public bool TryGet(string key, out {{model}}? value) => _cache.TryGetValue(key, out value);

                private static async Task<int> ScoreAsync(string key, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    using var request = new HttpRequestMessage(HttpMethod.Head, "https://example.invalid/" + Uri.EscapeDataString(key));
                    _ = Http.BaseAddress;
                    cancellationToken.ThrowIfCancellationRequested();
                    return key.Length switch
                    {
                        < 4 => 1,
                        < 16 => key.Count(char.IsDigit) + 2,
                        _ => key.Length / 4,
                    };
                }
            }

            """;
    }

    private static string Helper(int index, Random random)
    {
        var name = "Helper" + index.ToString("D4", CultureInfo.InvariantCulture);
        var limit = 10 + random.Next(90);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Linq;

            namespace {{Ns("Common")}};

            public static class {{name}}
            {
                public const int Limit = {{limit}};

                public static string Normalize(this string value) =>
                    value.Trim().ToUpperInvariant().Replace(' ', '-');

                public static bool IsValid(string? value, out string reason)
                {
                    if (string.IsNullOrEmpty(value))
                    {
                        reason = "empty";
                        return false;
                    }

                    if (value.Length > Limit)
                    {
                        reason = string.Create(CultureInfo.InvariantCulture, $"longer than {Limit}");
                        return false;
                    }

                    reason = string.Empty;
                    return true;
                }

                public static IEnumerable<int[]> Batch(IEnumerable<int> source, int size)
                {
                    var batch = new List<int>(size);
                    foreach (var item in source)
                    {
                        batch.Add(item);
                        if (batch.Count == size)
                        {
                            yield return batch.ToArray();
                            batch.Clear();
                        }
                    }

                    if (batch.Count > 0)
                    {
                        yield return batch.ToArray();
                    }
                }

                public static double Average(IReadOnlyCollection<double> values) => values.Count == 0 ? 0 : values.Sum() / values.Count;
            }

            """;
    }

    private static string Misuse(int index)
    {
        var name = "Legacy" + index.ToString("D4", CultureInfo.InvariantCulture);
        return $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            namespace {{Ns("Legacy")}};

            public class {{name}}
            {
                public static ILambdaContext? LastContext { get; private set; }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    LastContext = context;
                    var client = new HttpClient();
                    var body = client.GetStringAsync("https://example.invalid/" + input).Result;
                    _ = Task.Run(() => context.Logger.LogLine(body));
                    await Task.Yield();
                    return body;
                }
            }

            """;
    }

    private static string Function(int index, int dtos, int services, bool withAttribute)
    {
        var name = "Function" + index.ToString("D4", CultureInfo.InvariantCulture);
        var request = "Model" + ((index * 4) % dtos).ToString("D4", CultureInfo.InvariantCulture);
        var response = "Model" + ((index * 4 + 2) % dtos).ToString("D4", CultureInfo.InvariantCulture);
        var service = "Service" + (index % services).ToString("D4", CultureInfo.InvariantCulture);
        var attribute = withAttribute ? $"    [LambdaHandler(\"{name}\")]\n" : string.Empty;
        var serializer = index == 0 ? "[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]\n\n" : string.Empty;
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using LambdaAnalyzers.Runtime;
            using {{Ns("Models")}};
            using {{Ns("Services")}};

            {{serializer}}namespace {{Ns("Functions")}};

            public class {{name}}
            {
                private readonly I{{service}} _service;

                public {{name}}()
                    : this(new {{service}}())
                {
                }

                public {{name}}(I{{service}} service) => _service = service;

            {{attribute}}    public async Task<{{response}}?> FunctionHandler({{request}} request, ILambdaContext context)
                {
                    context.Logger.LogLine("Handling " + context.AwsRequestId);
                    var processed = await _service.ProcessAsync(new List<string> { request.ToString() ?? string.Empty }, default).ConfigureAwait(false);
                    return processed < 0 ? null : Create(processed);
                }

                private static {{response}}? Create(int processed) => processed == int.MaxValue ? null : default;
            }

            """;
    }

    private static string Template(int functions, int misuse)
    {
        var sb = new StringBuilder("""
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Description: Synthetic functions for the LambdaAnalyzers benchmarks.

            Globals:
              Function:
                Runtime: dotnet10
                MemorySize: 512
                Timeout: 30
                Environment:
                  Variables:
                    TABLE_NAME: !Ref OrdersTable

            Resources:
              OrdersTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST

            """);
        var names = Enumerable.Range(0, functions).Select(i => ("Functions", "Function" + i.ToString("D4", CultureInfo.InvariantCulture)))
            .Concat(Enumerable.Range(0, misuse).Select(i => ("Legacy", "Legacy" + i.ToString("D4", CultureInfo.InvariantCulture))));
        foreach (var (area, name) in names)
        {
            sb.Append("  ").Append(name).Append(":\n")
              .Append("    Type: AWS::Serverless::Function\n")
              .Append("    Properties:\n")
              .Append("      CodeUri: ./\n")
              .Append("      Handler: ").Append(AssemblyName).Append("::").Append(Ns(area)).Append('.').Append(name).Append("::FunctionHandler\n")
              .Append("      Events:\n")
              .Append("        Api:\n")
              .Append("          Type: Api\n")
              .Append("          Properties:\n")
              .Append("            Path: /").Append(name.ToLowerInvariant()).Append('\n')
              .Append("            Method: post\n");
        }

        return sb.ToString();
    }

    private static string ToolsDefaults() => $$"""
        {
          "profile": "default",
          "region": "us-east-1",
          "configuration": "Release",
          "function-runtime": "dotnet10",
          "function-memory-size": 512,
          "function-timeout": 30,
          "function-handler": "{{AssemblyName}}::{{Ns("Functions")}}.Function0000::FunctionHandler"
        }

        """;
}

/// <summary>One file of a synthetic repository.</summary>
internal sealed record RepositoryFile(string Path, string Text);
