using System;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The default function name (project/assembly name) and the clear error for an unsupported mode.</summary>
public sealed class NameAndPlatformTests
{
    [Fact]
    public async Task Function_name_defaults_to_the_assembly_name_of_a_build_folder()
    {
        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = await FunctionBuild.TestFunction, Handler = "TestFunction" });

        Assert.Equal("TestFunction", fn.FunctionName);
        Assert.EndsWith(":function:TestFunction", fn.FunctionArn, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_name_defaults_to_the_project_name_then_the_class_library_assembly_then_the_zip()
    {
        var dir = Directory.CreateTempSubdirectory("shim-name-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Orders.Api.csproj"), "<Project />");
            var withProject = new LambdaShimOptions { ConfigurationDirectory = dir, Mode = ShimExecutionMode.External };
            Assert.Equal("Orders.Api", FunctionResolver.Resolve(withProject, dir).Name);

            // The configuration file still wins over the derived name; an explicit name over both.
            File.WriteAllText(Path.Combine(dir, "aws-lambda-tools-defaults.json"), "{\"function-name\":\"from-tools\"}");
            Assert.Equal("from-tools", FunctionResolver.Resolve(withProject, dir).Name);
            withProject.FunctionName = "explicit";
            Assert.Equal("explicit", FunctionResolver.Resolve(withProject, dir).Name);

            var empty = Directory.CreateTempSubdirectory("shim-name-empty-").FullName;
            try
            {
                Assert.Equal("MyLib", FunctionResolver.DefaultName(new LambdaShimOptions(), empty, "MyLib::MyLib.Function::Handle"));
                Assert.Equal("package", FunctionResolver.DefaultName(new LambdaShimOptions { CodePath = "/x/package.zip" }, empty, "bootstrap"));
                Assert.Equal("function", FunctionResolver.DefaultName(new LambdaShimOptions(), empty, "bootstrap"));
            }
            finally
            {
                Directory.Delete(empty, true);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Out_of_process_mode_without_process_groups_is_a_clear_PlatformNotSupported_error()
    {
        var reason = LambdaShim.UnsupportedReason(ShimExecutionMode.OutOfProcess, processGroups: false, "Microsoft Windows 10.0.22631");

        Assert.NotNull(reason);
        Assert.StartsWith("Out-of-process mode is not supported on this platform (Microsoft Windows 10.0.22631)", reason, StringComparison.Ordinal);
        Assert.Contains("--mode inproc", reason, StringComparison.Ordinal);
        Assert.Null(LambdaShim.UnsupportedReason(ShimExecutionMode.InProcess, processGroups: false, "Microsoft Windows"));
        Assert.Null(LambdaShim.UnsupportedReason(ShimExecutionMode.External, processGroups: false, "Microsoft Windows"));
        Assert.Null(LambdaShim.UnsupportedReason(ShimExecutionMode.OutOfProcess, processGroups: true, "Linux"));
        // This machine (Linux with setsid) supports every mode.
        Assert.True(Posix.ProcessGroupsAvailable);
    }
}
