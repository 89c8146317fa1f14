using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Layers (docs/platform/layers-and-packages.md): at most five, folders and zips merged in order into each environment's
/// own <c>/opt</c> (a later layer's file wins), its <c>bin</c> on <c>PATH</c> and <c>lib</c> on <c>LD_LIBRARY_PATH</c>,
/// external extensions from every layer's <c>extensions/</c>, and never the host's <c>/opt</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LayerTests : IDisposable
{
    private readonly TestLayers _layers = new();

    public void Dispose() => _layers.Dispose();

    /// <summary>A zip of <paramref name="folder"/> as <c>zip -r</c> or .NET on Unix writes it (modes kept).</summary>
    private string Zip(string folder)
    {
        var zip = Path.Combine(_layers.NewFolder(), Path.GetFileName(folder) + ".zip");
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }

    private static string[] Entries(string variable) => variable.Split(':', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Five_layers_are_accepted_and_a_sixth_is_refused_naming_the_function()
    {
        var five = Enumerable.Range(0, 5).Select(_ => _layers.NewFolder()).ToArray();
        await using (await TestFunctionHost.StartAsync(o => Array.ForEach(five, o.Layers.Add)))
        {
        }

        var error = await Assert.ThrowsAsync<LambdaServiceException>(() => TestFunctionHost.StartAsync(o =>
        {
            Array.ForEach(five, o.Layers.Add);
            o.Layers.Add(_layers.NewFolder());
        }));

        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
        Assert.Contains("Function 'test-function'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 5 layers; 6 were given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_layer_is_named()
    {
        var missing = Path.Combine(_layers.NewFolder(), "no-such-layer.zip");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => TestFunctionHost.StartAsync(o => o.Layers.Add(missing)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_and_a_zip_layer_merge_in_order_with_bin_on_PATH_and_lib_on_LD_LIBRARY_PATH()
    {
        var first = _layers.NewFolder();
        TestLayers.Script(first, Path.Combine("bin", "layer-tool"), "echo first");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(first, "lib")).FullName, "libshared.txt"), "first");
        File.WriteAllText(Path.Combine(first, "only-first.txt"), "kept");
        var second = _layers.NewFolder();
        TestLayers.Script(second, Path.Combine("bin", "layer-tool"), "echo second");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(second, "lib")).FullName, "libshared.txt"), "second");

        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Layers.Add(first);
            o.Layers.Add(Zip(second));
        });

        // The later layer's tool, found by name on the runtime's PATH (and executable: the zip's modes were kept).
        var result = await fn.InvokeAsync("{\"op\":\"exec\",\"command\":\"layer-tool\"}");
        result.EnsureSuccess();
        Assert.Equal("second", JsonDocument.Parse(result.Payload).RootElement.GetProperty("stdout").GetString());

        var variables = fn.Environments[0].RuntimeVariables;
        var bin = Assert.Single(Entries(variables["PATH"]), e => e.EndsWith("/opt/bin", StringComparison.Ordinal));
        var lib = Assert.Single(Entries(variables["LD_LIBRARY_PATH"]), e => e.EndsWith("/opt/lib", StringComparison.Ordinal));
        var opt = Path.GetDirectoryName(bin)!;
        Assert.Equal(opt, Path.GetDirectoryName(lib));
        Assert.Equal("second", File.ReadAllText(Path.Combine(lib, "libshared.txt")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(opt, "only-first.txt")));
    }

    [Fact]
    public async Task Each_environment_has_its_own_opt_and_the_hosts_opt_never_appears()
    {
        var layer = _layers.NewFolder();
        TestLayers.Script(layer, Path.Combine("bin", "layer-tool"), "echo layer");
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Layers.Add(layer);
            o.Concurrency = 2;
        });

        // Two overlapping invokes: two environments.
        var results = await Task.WhenAll(fn.InvokeAsync("{\"op\":\"sleep\",\"ms\":500}"), fn.InvokeAsync("{\"op\":\"sleep\",\"ms\":500}"));
        Assert.All(results, r => r.EnsureSuccess());
        var environments = fn.Environments;
        Assert.Equal(2, environments.Count);

        var views = environments.Select(e => Path.GetDirectoryName(Entries(e.RuntimeVariables["PATH"]).Single(p => p.EndsWith("/opt/bin", StringComparison.Ordinal)))!).ToArray();
        Assert.NotEqual(views[0], views[1]);
        // What one environment writes into its /opt the other never sees.
        File.WriteAllText(Path.Combine(views[0], "written-by-env-0"), "x");
        Assert.False(File.Exists(Path.Combine(views[1], "written-by-env-0")));
        foreach (var environment in environments)
        {
            foreach (var variable in new[] { "PATH", "LD_LIBRARY_PATH" })
            {
                Assert.DoesNotContain(Entries(environment.RuntimeVariables[variable]), p => p == "/opt" || p.StartsWith("/opt/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task External_extensions_come_from_every_layers_extensions_folder_zip_or_folder()
    {
        var folderLayer = await _layers.WithTestExtensionsAsync("alpha");
        var zipLayer = Zip(await _layers.WithTestExtensionsAsync("beta"));

        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Layers.Add(folderLayer);
            o.Layers.Add(zipLayer);
        });
        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        result.EnsureSuccess();
        Assert.Contains("EXTENSION\tName: alpha\tState: Ready\tEvents: [INVOKE,SHUTDOWN]", result.LifecycleTrace);
        Assert.Contains("EXTENSION\tName: beta\tState: Ready\tEvents: [INVOKE,SHUTDOWN]", result.LifecycleTrace);
    }
}
