using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim events [list]</c> and <c>lambda-shim events &lt;name|source&gt; [--out file]</c>: the documented sample
/// events (embedded from src/LambdaAnalyzers.Shim/SampleEvents, listed in its index.json), so a user starts from the shape
/// AWS sends. The generator's round-trip tests read the same files.
/// </summary>
internal static class EventsCommand
{
    public const string Usage = "\n" + """

          lambda-shim events [list]
          lambda-shim events <name|source> [--out file.json]
        events   lists the documented sample events, or prints one as JSON on stdout (or into --out): by sample
                 name (sqs-batch-response) or by event source (Sqs, http-api) for the source's first sample.
        """;

    private const string ResourcePrefix = "SampleEvents/";

    /// <summary>Runs the command with the arguments after <c>events</c>; 0 on success, 2 on a usage error.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? name = null;
        string? outFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--out")
            {
                if (i + 1 >= args.Count)
                {
                    return UsageError(error, "--out needs a file name.");
                }

                outFile = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || name is not null)
            {
                return UsageError(error, $"Unexpected argument '{args[i]}'.");
            }
            else
            {
                name = args[i];
            }
        }

        var samples = Index();
        if (name is null or "list")
        {
            if (outFile is not null)
            {
                return UsageError(error, "--out writes one sample event; name it.");
            }

            List(samples, output);
            return 0;
        }

        var sample = Find(samples, name);
        if (sample is null)
        {
            return UsageError(error, $"No sample event is named '{name}', and no event source either. `lambda-shim events list` shows them all.");
        }

        var json = Read(sample.Name);
        if (outFile is null)
        {
            output.Write(json);
        }
        else
        {
            File.WriteAllText(outFile, json);
            error.WriteLine($"Wrote the {sample.Name} sample ({sample.Type}) to {outFile}.");
        }

        return 0;
    }

    /// <summary>A sample by its name, else the first sample of a source (ignoring case, and '-' or '_' in the source's name).</summary>
    private static SampleEvent? Find(IReadOnlyList<SampleEvent> samples, string name)
    {
        var byName = samples.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
        {
            return byName;
        }

        var source = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return samples.FirstOrDefault(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase));
    }

    private static void List(IReadOnlyList<SampleEvent> samples, TextWriter output)
    {
        var nameWidth = samples.Max(s => s.Name.Length) + 2;
        var typeWidth = samples.Max(s => s.Type.Length) + 2;
        output.WriteLine("Sample events (lambda-shim events <name> [--out file.json]); the type is the generated event type:");
        foreach (var group in samples.GroupBy(s => s.Source))
        {
            output.WriteLine();
            output.WriteLine(group.Key);
            foreach (var sample in group)
            {
                output.WriteLine($"  {sample.Name.PadRight(nameWidth)}{sample.Type.PadRight(typeWidth)}{sample.Description}");
            }
        }
    }

    private static List<SampleEvent> Index()
    {
        using var index = JsonDocument.Parse(Read("index"));
        return index.RootElement.EnumerateArray()
            .Select(e => new SampleEvent(
                e.GetProperty("name").GetString()!,
                e.GetProperty("source").GetString()!,
                e.GetProperty("type").GetString()!,
                e.GetProperty("description").GetString()!))
            .ToList();
    }

    private static string Read(string name)
    {
        using var stream = typeof(EventsCommand).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
            ?? throw new InvalidOperationException($"The sample event '{name}' is listed but not embedded in lambda-shim.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine("Usage:" + Usage);
        return 2;
    }

    private sealed record SampleEvent(string Name, string Source, string Type, string Description);
}
