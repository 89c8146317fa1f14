using System;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// What a function in a config file is matched against to tell whether it deploys this project:
/// the project folder, the project's name and the assembly it builds.
/// </summary>
internal sealed class ProjectIdentity
{
    public ProjectIdentity(string? directory, string? projectName, string? assemblyName)
    {
        Directory = directory;
        ProjectName = projectName;
        AssemblyName = assemblyName;
    }

    /// <summary>An identity with only a folder (or nothing) known.</summary>
    public static ProjectIdentity InDirectory(string? directory) => new(directory, null, null);

    /// <summary>The project folder (<c>ProjectDir</c>); null when MSBuild facts are not visible.</summary>
    public string? Directory { get; }

    /// <summary><c>MSBuildProjectName</c>: the project file's name without extension.</summary>
    public string? ProjectName { get; }

    /// <summary>The assembly the compilation builds, which a handler string names.</summary>
    public string? AssemblyName { get; }

    /// <summary>Whether <paramref name="name"/> is the project's name or its assembly's, ignoring case as file systems may.</summary>
    public bool IsNamed(string name) =>
        name.Length > 0
        && (string.Equals(name, ProjectName, StringComparison.OrdinalIgnoreCase) || string.Equals(name, AssemblyName, StringComparison.OrdinalIgnoreCase));
}
