namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>MSBuild facts as the package's build props hand them to analyzers (build_property.*).</summary>
internal static class TestProjects
{
    /// <summary>A global analyzer config of compiler-visible MSBuild properties.</summary>
    public static (string Path, string Content) GlobalConfig(params (string Property, string Value)[] properties)
    {
        var text = "is_global = true\n";
        foreach (var (property, value) in properties)
        {
            text += $"build_property.{property} = {value}\n";
        }

        return ("/.globalconfig", text);
    }

    /// <summary>A solution transform that builds the test project as an executable (its own <c>Main</c>).</summary>
    public static Microsoft.CodeAnalysis.Solution AsExecutable(Microsoft.CodeAnalysis.Solution solution, Microsoft.CodeAnalysis.ProjectId project) =>
        solution.WithProjectCompilationOptions(project, solution.GetProject(project)!.CompilationOptions!.WithOutputKind(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));
}
