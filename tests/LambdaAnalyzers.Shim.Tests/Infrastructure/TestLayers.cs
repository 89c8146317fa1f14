using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>Layers for tests: folders with an <c>extensions/</c> folder of scripts that start Functions/TestExtension.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class TestLayers : IDisposable
{
    private readonly List<string> _folders = new();

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A layer whose <c>extensions/</c> holds one script per name, each running TestExtension under that name.</summary>
    public async Task<string> WithTestExtensionsAsync(params string[] names)
    {
        var build = await FunctionBuild.TestExtension;
        var layer = NewFolder();
        foreach (var name in names)
        {
            Script(layer, Path.Combine("extensions", name), $"exec \"{Path.Combine(build, "TestExtension")}\" \"{name}\"");
        }

        return layer;
    }

    /// <summary>An empty layer folder.</summary>
    public string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("shim-layer-").FullName;
        _folders.Add(folder);
        return folder;
    }

    /// <summary>An executable <c>sh</c> script at <paramref name="relativePath"/> in <paramref name="layer"/>.</summary>
    public static string Script(string layer, string relativePath, string body)
    {
        var path = Path.Combine(layer, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    /// <summary>The lines a party appended to its trace file in the environment's <c>/tmp</c> (empty if none).</summary>
    public static string[] Trace(LambdaEnvironmentInfo environment, string party)
    {
        var path = Path.Combine(environment.TmpDirectory, $"trace-{party}.log");
        return File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
    }
}
