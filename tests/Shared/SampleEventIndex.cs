using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LambdaAnalyzers.Testing;

/// <summary>
/// The documented sample events <c>lambda-shim events</c> prints (src/LambdaAnalyzers.Shim/SampleEvents, listed in its
/// index.json), read from the repository so the generator's round-trip tests and the CLI's tests check exactly what
/// users are given. Shared by the test projects (linked from tests/Shared).
/// </summary>
internal static class SampleEventIndex
{
    public static string Folder { get; } = RepoPaths.Combine("src", "LambdaAnalyzers.Shim", "SampleEvents");

    public static IReadOnlyList<SampleEventEntry> All => Entries.Value;

    private static readonly System.Lazy<List<SampleEventEntry>> Entries = new(Load);

    public static string Path(string name) => System.IO.Path.Combine(Folder, name + ".json");

    public static string Json(string name) => File.ReadAllText(Path(name));

    private static List<SampleEventEntry> Load()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, "index.json")));
        var entries = new List<SampleEventEntry>();
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            entries.Add(new SampleEventEntry(
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("source").GetString()!,
                entry.GetProperty("type").GetString()!));
        }

        return entries;
    }
}

/// <summary>One sample event: its name (file name without .json), the catalog source and the generated type it is of.</summary>
internal sealed record SampleEventEntry(string Name, string Source, string Type);
