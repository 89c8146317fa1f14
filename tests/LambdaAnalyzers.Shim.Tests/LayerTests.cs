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

    /// <summary>A folder declaring the test function on <paramref name="runtime"/>, as a SAM template does.</summary>
    private string Template(string runtime)
    {
        var folder = _layers.NewFolder();
        File.WriteAllText(Path.Combine(folder, "template.yaml"), $"""
            Resources:
              TestFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: TestFunction
                  Runtime: {runtime}
            """);
        return folder;
    }

    /// <summary>A layer providing a custom runtime: its <c>bootstrap</c> marks the environment, then runs the function's build.</summary>
    private string RuntimeLayer(string marker)
    {
        var layer = _layers.NewFolder();
        TestLayers.Script(layer, "bootstrap", $"export STARTED_BY={marker} BOOTSTRAP_PATH=\"$0\"\nexec dotnet \"$LAMBDA_TASK_ROOT/TestFunction.dll\"");
        return layer;
    }

    private static string StartedBy(InvocationResult result) =>
        JsonDocument.Parse(result.Payload).RootElement.TryGetProperty("STARTED_BY", out var marker) ? marker.GetString()! : "the executable assembly";

    [Fact]
    public async Task A_provided_runtime_without_a_bootstrap_of_its_own_starts_the_layers_from_the_environments_opt()
    {
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.ConfigurationDirectory = Template("provided.al2023");
            o.FunctionName = null;
            o.Handler = null;
            o.Layers.Add(RuntimeLayer("first-layer"));
            o.Layers.Add(Zip(RuntimeLayer("second-layer")));
        });

        var result = await fn.InvokeAsync("{\"op\":\"env\"}");

        // The later layer's bootstrap, run from this environment's view of /opt.
        result.EnsureSuccess();
        Assert.Equal("second-layer", StartedBy(result));
        Assert.Equal(new[] { "/opt/bootstrap" }, fn.Command);
        var opt = Path.GetDirectoryName(Entries(fn.Environments[0].RuntimeVariables["PATH"]).Single(p => p.EndsWith("/opt/bin", StringComparison.Ordinal)))!;
        Assert.Equal(Path.Combine(opt, "bootstrap"), JsonDocument.Parse(result.Payload).RootElement.GetProperty("BOOTSTRAP_PATH").GetString());
    }

    [Fact]
    public async Task The_codes_own_bootstrap_and_a_managed_runtime_never_use_a_layers()
    {
        // The code's bootstrap comes first.
        var code = _layers.NewFolder();
        var build = await FunctionBuild.TestFunction;
        foreach (var file in Directory.GetFiles(build))
        {
            File.Copy(file, Path.Combine(code, Path.GetFileName(file)));
        }

        TestLayers.Script(code, "bootstrap", "export STARTED_BY=code\nexec dotnet \"$LAMBDA_TASK_ROOT/TestFunction.dll\"");
        await using (var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.CodePath = code;
            o.ConfigurationDirectory = Template("provided.al2023");
            o.Layers.Add(RuntimeLayer("layer"));
        }))
        {
            Assert.Equal("code", StartedBy(await fn.InvokeAsync("{\"op\":\"env\"}")));
        }

        // A managed runtime has its own bootstrap: the executable assembly runs.
        await using (var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.ConfigurationDirectory = Template("dotnet8");
            o.Layers.Add(RuntimeLayer("layer"));
        }))
        {
            Assert.Equal("the executable assembly", StartedBy(await fn.InvokeAsync("{\"op\":\"env\"}")));
        }
    }

    [Fact]
    public async Task Without_a_declared_runtime_a_layers_bootstrap_starts_code_that_has_nothing_to_start()
    {
        // The code is a script the runtime layer knows how to run; nothing in it is an assembly or a bootstrap.
        var code = _layers.NewFolder();
        File.WriteAllText(Path.Combine(code, "handler.txt"), "a script for the layer's runtime");
        var layer = _layers.NewFolder();
        var build = await FunctionBuild.TestFunction;
        TestLayers.Script(layer, "bootstrap", $"export STARTED_BY=layer\nexec dotnet \"{Path.Combine(build, "TestFunction.dll")}\"");

        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.CodePath = code;
            o.Handler = "handler.txt";
            o.Layers.Add(layer);
        });

        Assert.Equal("layer", StartedBy(await fn.InvokeAsync("{\"op\":\"env\"}")));
    }

    [Fact]
    public async Task A_command_in_opt_runs_from_the_environments_view_and_fails_init_without_layers()
    {
        await using (var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Command = new[] { "/opt/bootstrap" };
            o.Layers.Add(RuntimeLayer("layer"));
        }))
        {
            Assert.Equal("layer", StartedBy(await fn.InvokeAsync("{\"op\":\"env\"}")));
        }

        await using (var fn = await TestFunctionHost.StartAsync(o => o.Command = new[] { "/opt/bootstrap" }))
        {
            var result = await fn.InvokeAsync("{\"op\":\"env\"}");
            Assert.Equal("Runtime.InvalidEntrypoint", result.Error?.ErrorType);
            Assert.Contains("/opt/bootstrap", result.Error!.ErrorMessage, StringComparison.Ordinal);
        }
    }
}
