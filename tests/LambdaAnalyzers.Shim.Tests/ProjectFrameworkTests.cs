using LambdaAnalyzers.Shim.Cli;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The framework <c>lambda-shim run</c> builds for a project that targets several.</summary>
public sealed class ProjectFrameworkTests
{
    [Theory]
    [InlineData("net10.0;net8.0", 10, "net10.0")]
    [InlineData("net8.0;net10.0", 10, "net10.0")]
    [InlineData("net8.0;net10.0", 8, "net8.0")]
    [InlineData("net8.0;net11.0", 10, "net8.0")]
    [InlineData("netstandard2.0;net8.0", 10, "net8.0")]
    [InlineData("net8.0-windows;net9.0", 10, "net9.0")]
    [InlineData("net48;netstandard2.0", 10, "net48")]
    public void Picks_the_newest_net_framework_the_machine_runs(string frameworks, int runtimeMajor, string expected) =>
        Assert.Equal(expected, ProjectFramework.Choose(ProjectFramework.Split(frameworks), runtimeMajor));

    [Theory]
    [InlineData("net8.0")]
    [InlineData("")]
    [InlineData(" ; ")]
    public void Leaves_a_single_framework_project_alone(string frameworks) =>
        Assert.Null(ProjectFramework.Choose(ProjectFramework.Split(frameworks), 10));
}
