using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The deployment package (docs/platform/layers-and-packages.md): the modes and layout read back from the written zip,
/// the 50 MB zipped and 250 MB unzipped limits, and a function run from its zip with the modes it records.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentPackageTests : IDisposable
{
    private const int UnixPlatform = 3; // "version made by" high byte: the external attributes hold Unix modes

    private readonly string _root = Directory.CreateTempSubdirectory("shim-package-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static void Write(string folder, string relative, string text, UnixFileMode mode)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
    }

    private static void Sparse(string path, long bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        file.SetLength(bytes);
    }

    /// <summary>Every entry's name with its Unix file type and permissions, as octal text (<c>100644</c>, <c>40755</c>).</summary>
    private static Dictionary<string, string> Modes(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.ToDictionary(e => e.FullName, e => Convert.ToString((e.ExternalAttributes >> 16) & 0xFFFF, 8));
    }

    /// <summary>The "version made by" platform of each central directory record (read from the bytes, as unzip reads them).</summary>
    private static List<int> MadeBy(string zip)
    {
        var bytes = File.ReadAllBytes(zip);
        var platforms = new List<int>();
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                platforms.Add(bytes[i + 5]);
                var nameLength = BitConverter.ToUInt16(bytes, i + 28);
                var extraLength = BitConverter.ToUInt16(bytes, i + 30);
                var commentLength = BitConverter.ToUInt16(bytes, i + 32);
                i += 46 + nameLength + extraLength + commentLength - 1;
            }
        }

        return platforms;
    }

    [Fact]
    public void Files_are_644_executables_and_directories_755_with_bootstrap_at_the_root()
    {
        var publish = Folder("publish");
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        // bootstrap without any execute bit: named bootstrap, it is an executable all the same.
        Write(publish, "bootstrap", "#!/bin/sh\necho hi\n", owner);
        Write(publish, "Function.dll", "MZ not really", owner | UnixFileMode.GroupRead);
        Write(publish, "appsettings.json", "{}", UnixFileMode.UserRead);
        Write(publish, "tools/run.sh", "echo", owner | UnixFileMode.UserExecute);
        File.WriteAllBytes(Path.Combine(publish, "tools", "native"), new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 });
        File.SetUnixFileMode(Path.Combine(publish, "tools", "native"), owner);
        Directory.CreateDirectory(Path.Combine(publish, "empty"));
        var zip = Path.Combine(_root, "out", "fn.zip");

        var package = LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { FunctionName = "orders", Runtime = "provided.al2023" });

        Assert.Equal(zip, package.Path);
        Assert.Equal("orders", package.FunctionName);
        Assert.Equal(new FileInfo(zip).Length, package.ZippedBytes);
        Assert.Equal(Directory.GetFiles(publish, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), package.UnzippedBytes);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["bootstrap"] = "100755",
                ["Function.dll"] = "100644",
                ["appsettings.json"] = "100644",
                ["tools/"] = "40755",
                ["tools/run.sh"] = "100755",
                ["tools/native"] = "100755",
                ["empty/"] = "40755",
            },
            Modes(zip));
        Assert.All(MadeBy(zip), platform => Assert.Equal(UnixPlatform, platform));
        Assert.Equal(7, MadeBy(zip).Count);
        Assert.False(File.Exists(zip + ".partial"));
    }

    [Fact]
    public void A_provided_runtime_package_without_bootstrap_is_refused_naming_the_function()
    {
        var publish = Folder("publish");
        Write(publish, "OrderApi", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var zip = Path.Combine(_root, "fn.zip");

        var error = Assert.Throws<LambdaServiceException>(() =>
            LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { FunctionName = "OrderApi", Runtime = "provided.al2023" }));

        Assert.Contains("'OrderApi'", error.Message, StringComparison.Ordinal);
        Assert.Contains("provided.al2023", error.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));

        // The managed runtime needs no bootstrap.
        LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { FunctionName = "OrderApi", Runtime = "dotnet8" });
        Assert.True(File.Exists(zip));
    }

    [Theory]
    [InlineData("dotnetcore3.1", "is retired")]
    [InlineData("dotnet9", "run .NET 9 as a container image")]
    [InlineData("net8.0", "is a target framework")]
    public void A_runtime_Lambda_refuses_is_refused_as_CreateFunction_does_and_no_zip_is_written(string runtime, string why)
    {
        var publish = Folder("publish");
        Write(publish, "bootstrap", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var zip = Path.Combine(_root, "fn.zip");

        var error = Assert.Throws<LambdaServiceException>(() =>
            LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { FunctionName = "OrderApi", Runtime = runtime }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
        Assert.StartsWith($"Function 'OrderApi': runtime '{runtime}' is ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));

        // The runtimes Lambda offers, and a language this package does not judge, are taken.
        foreach (var offered in new[] { "dotnet8", "dotnet10", "provided.al2023", "python3.12" })
        {
            var other = Path.Combine(_root, offered + ".zip");
            LambdaDeploymentPackage.Create(publish, other, new LambdaPackageOptions { FunctionName = "OrderApi", Runtime = offered });
            Assert.True(File.Exists(other));
        }
    }

    [Fact]
    public void A_provided_runtime_package_may_leave_its_bootstrap_to_a_layer_folder_or_zip()
    {
        var publish = Folder("publish");
        Write(publish, "handler.sh", "echo handled\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var runtimeLayer = Folder("runtime-layer");
        Write(runtimeLayer, "bootstrap", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var otherLayer = Folder("other-layer");
        Write(otherLayer, Path.Combine("bin", "bootstrap"), "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var zippedLayer = Path.Combine(_root, "runtime-layer.zip");
        ZipFile.CreateFromDirectory(runtimeLayer, zippedLayer);

        LambdaPackageOptions Options(params string[] layers)
        {
            var options = new LambdaPackageOptions { FunctionName = "ScriptFn", Runtime = "provided.al2023" };
            foreach (var layer in layers)
            {
                options.Layers.Add(layer);
            }

            return options;
        }

        // A bootstrap anywhere but a layer's root does not count.
        Assert.Throws<LambdaServiceException>(() => LambdaDeploymentPackage.Create(publish, Path.Combine(_root, "none.zip"), Options(otherLayer)));

        LambdaDeploymentPackage.Create(publish, Path.Combine(_root, "folder.zip"), Options(otherLayer, runtimeLayer));
        LambdaDeploymentPackage.Create(publish, Path.Combine(_root, "zip.zip"), Options(zippedLayer));
        Assert.True(File.Exists(Path.Combine(_root, "folder.zip")));
        Assert.True(File.Exists(Path.Combine(_root, "zip.zip")));
    }

    [Fact]
    public void More_than_50_MB_zipped_is_refused_naming_the_function_and_no_zip_is_left()
    {
        var publish = Folder("publish");
        // Random bytes do not compress: 51 MB in, about 51 MB out.
        var random = new byte[51 * 1024 * 1024];
        RandomNumberGenerator.Fill(random);
        File.WriteAllBytes(Path.Combine(publish, "blob.bin"), random);
        Write(publish, "bootstrap", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var zip = Path.Combine(_root, "big.zip");

        var error = Assert.Throws<LambdaServiceException>(() => LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { FunctionName = "bulky" }));

        Assert.Equal("RequestEntityTooLargeException", error.ErrorCode);
        Assert.Contains("Function 'bulky'", error.Message, StringComparison.Ordinal);
        Assert.Contains("52,428,800 bytes (50 MB)", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
        Assert.False(File.Exists(zip + ".partial"));
    }

    [Fact]
    public void More_than_250_MB_unzipped_with_the_layers_is_refused_naming_the_function_and_the_layer()
    {
        // Sparse files: their length counts, no disk is used, and the check fails before anything is read.
        var publish = Folder("publish");
        Sparse(Path.Combine(publish, "model.bin"), 200L * 1024 * 1024);
        var layer = Folder("layer-big");
        Sparse(Path.Combine(layer, "lib", "huge.so"), 60L * 1024 * 1024);
        var zip = Path.Combine(_root, "fn.zip");
        var options = new LambdaPackageOptions { FunctionName = "analytics" };
        options.Layers.Add(layer);

        var error = Assert.Throws<LambdaServiceException>(() => LambdaDeploymentPackage.Create(publish, zip, options));

        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
        Assert.Contains("Function 'analytics'", error.Message, StringComparison.Ordinal);
        Assert.Contains("262,144,000 bytes (250 MB)", error.Message, StringComparison.Ordinal);
        Assert.Contains("62,914,560 bytes in layer layer-big", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public async Task The_shim_refuses_a_function_over_250_MB_with_its_layers_and_takes_one_just_under()
    {
        var code = Folder("code");
        Sparse(Path.Combine(code, "data.bin"), 150L * 1024 * 1024);
        var layer = Folder("layer");
        Sparse(Path.Combine(layer, "data.bin"), LambdaDeploymentPackage.MaxUnzippedBytes - (150L * 1024 * 1024));
        var zipLayer = Path.Combine(_root, "one-byte.zip");
        using (var archive = ZipFile.Open(zipLayer, ZipArchiveMode.Create))
        {
            using var stream = archive.CreateEntry("extra.txt").Open();
            stream.WriteByte((byte)'x');
        }

        LambdaShimOptions Options(params string[] layers)
        {
            var options = new LambdaShimOptions { CodePath = code, FunctionName = "limit-check", Mode = ShimExecutionMode.External };
            foreach (var l in layers)
            {
                options.Layers.Add(l);
            }

            return options;
        }

        // Exactly 250 MB: accepted.
        await using (await LambdaShim.StartAsync(Options(layer)))
        {
        }

        // One byte more (in a zip layer): refused, the function named.
        var error = await Assert.ThrowsAsync<LambdaServiceException>(() => LambdaShim.StartAsync(Options(layer, zipLayer)));
        Assert.Contains("Function 'limit-check'", error.Message, StringComparison.Ordinal);
        Assert.Contains("one-byte.zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_runs_from_its_package_with_the_modes_the_zip_records()
    {
        // The test function's framework-dependent build, behind a bootstrap script written without an execute bit:
        // only the package's 755 makes it start.
        var publish = Folder("publish");
        var build = await FunctionBuild.TestFunction;
        foreach (var file in Directory.GetFiles(build, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(publish, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Write(publish, "bootstrap", "#!/bin/sh\nexec dotnet \"$LAMBDA_TASK_ROOT/TestFunction.dll\"\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var zip = Path.Combine(_root, "test-function.zip");
        LambdaDeploymentPackage.Create(publish, zip, new LambdaPackageOptions { Runtime = "provided.al2023" });

        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = zip, Timeout = TimeSpan.FromSeconds(20) });
        var result = await fn.InvokeAsync("{\"op\":\"env\"}");

        result.EnsureSuccess();
        var taskRoot = System.Text.Json.JsonDocument.Parse(result.Payload).RootElement.GetProperty("LAMBDA_TASK_ROOT").GetString()!;
        Assert.NotEqual(publish, taskRoot);
        Assert.Equal(UnixZip.Executable, File.GetUnixFileMode(Path.Combine(taskRoot, "bootstrap")));
        Assert.Equal(UnixZip.RegularFile, File.GetUnixFileMode(Path.Combine(taskRoot, "TestFunction.dll")));
    }

    [Fact]
    public async Task A_bootstrap_zipped_without_its_execute_bit_fails_to_start_as_on_Lambda()
    {
        var zip = Path.Combine(_root, "broken.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("bootstrap");
            entry.ExternalAttributes = UnixZip.Attributes(UnixZip.RegularFile, directory: false);
            using var stream = entry.Open();
            stream.Write(Encoding.ASCII.GetBytes("#!/bin/sh\necho never\n"));
        }

        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = zip });
        var result = await fn.InvokeAsync("{}");

        Assert.Equal("Runtime.InvalidEntrypoint", result.Error!.ErrorType);
    }
}
