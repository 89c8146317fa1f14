using LambdaAnalyzers.Operations;

namespace LambdaAnalyzers.Tests.Operations;

/// <summary>
/// Which file names mark generated code, for the rules that read code the analyzer driver did not hand them.
/// Paths are read by hand: .NET Framework hosts (Visual Studio) throw from <c>System.IO.Path</c> on some
/// characters a tree's path may hold, and an analyzer must not throw.
/// </summary>
public sealed class GeneratedCodeTests
{
    [Theory]
    [InlineData("/src/obj/Function.g.cs")]
    [InlineData(@"C:\src\obj\Function.G.CS")]
    [InlineData("Function.g.i.cs")]
    [InlineData("/src/Resources.Designer.cs")]
    [InlineData("/src/Model.generated.cs")]
    [InlineData("/tmp/TemporaryGeneratedFile_0123.cs")]
    [InlineData("/src/odd<name>|.g.cs")]
    public void Generated_file_names(string path) => Assert.True(GeneratedCode.HasGeneratedName(path));

    [Theory]
    [InlineData("")]
    [InlineData("/src/Function.cs")]
    [InlineData("/src/g.cs")]
    [InlineData("/src/obj.g/Function.cs")]
    [InlineData("/src/Function.cs.g")]
    [InlineData("/src/odd<name>|.cs")]
    [InlineData("/src/Function")]
    public void Hand_written_file_names(string path) => Assert.False(GeneratedCode.HasGeneratedName(path));
}
