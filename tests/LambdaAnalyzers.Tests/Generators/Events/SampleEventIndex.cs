using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>
/// The sample events <c>lambda-shim events</c> prints (src/LambdaAnalyzers.Shim/SampleEvents, listed in its
/// index.json), read from the repository so the round-trip tests check exactly what users are given.
/// </summary>
internal static class SampleEventIndex
{
    public static string Folder { get; } = RepoPaths.Combine("src", "LambdaAnalyzers.Shim", "SampleEvents");

    public static IReadOnlyList<SampleEventEntry> All { get; } = Load();

    public static string Json(string name) => File.ReadAllText(Path.Combine(Folder, name + ".json"));

    private static List<SampleEventEntry> Load()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "index.json")));
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

internal sealed record SampleEventEntry(string Name, string Source, string Type);
