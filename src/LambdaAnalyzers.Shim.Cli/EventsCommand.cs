using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim events [list]</c> and <c>lambda-shim events &lt;name|source&gt; [--out file]</c>: the documented sample
/// events (embedded in LambdaAnalyzers.Shim from its SampleEvents folder, listed in its index.json), so a user starts from the shape
/// AWS sends. The generator's round-trip tests read the same files.
/// </summary>
internal static class EventsCommand
{
    public const string Usage = "\n" + """

          lambda-shim events [list]
          lambda-shim events <name|source> [--out file.json]
        """;

    private const string ResourcePrefix = "SampleEvents/";

    /// <summary>
    /// The <c>events</c> command. Its usage errors keep their own wording (the reason first, then this usage), so the
    /// argument checks are the action's: unmatched tokens are not parse errors here, and <c>--out</c> may come without a value.
    /// </summary>
    public static Command Create()
    {
        var name = new Argument<string?>("name")
        {
            HelpName = "name|source",
            Description = "A sample's name (sqs-batch-response), an event source (Sqs, http-api) for its first sample, or list.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        name.CompletionSources.Add(_ => Index().Select(s => s.Name).Prepend("list"));
        var output = new Option<string?>("--out") { Description = "Writes the sample into this file instead of stdout.", HelpName = "file.json", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("events", "Lists the documented sample events, or prints one as JSON on stdout (or into --out).")
        {
            name,
            output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return UsageError(Console.Error, $"Unexpected argument '{parse.UnmatchedTokens[0]}'.");
            }

            var outGiven = parse.GetResult(output) is not null;
            var outFile = parse.GetValue(output);
            if (outGiven && outFile is null)
            {
                return UsageError(Console.Error, "--out needs a file name.");
            }

            return Run(parse.GetValue(name), outFile, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Lists the samples (no name, or <c>list</c>) or prints one; 0 on success, 2 on a usage error.</summary>
    public static int Run(string? name, string? outFile, TextWriter output, TextWriter error)
    {
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
        using var stream = typeof(LambdaShim).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
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
