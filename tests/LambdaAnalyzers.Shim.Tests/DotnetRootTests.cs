using System;
using System.IO;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// DOTNET_ROOT for framework-dependent app hosts: the folder of the real <c>dotnet</c>, not of a link to it. The tests
/// build the linked layout Debian and Ubuntu packages install (<c>/usr/bin/dotnet -&gt; ../share/dotnet/dotnet</c>)
/// themselves, so they do not depend on how this machine installed .NET.
/// </summary>
public sealed class DotnetRootTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dotnet-root-").FullName;

    [Fact]
    public void A_relative_link_on_PATH_resolves_to_the_installation_folder()
    {
        var installation = Directory.CreateDirectory(Path.Combine(_root, "usr", "share", "dotnet")).FullName;
        File.WriteAllText(Path.Combine(installation, "dotnet"), string.Empty);
        var bin = Directory.CreateDirectory(Path.Combine(_root, "usr", "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.Combine("..", "share", "dotnet", "dotnet"));

        Assert.Equal(installation, FunctionResolver.DotnetRoot(Path.Combine(bin, "dotnet")));
    }

    [Fact]
    public void A_chain_of_links_is_followed_to_the_end()
    {
        var installation = Directory.CreateDirectory(Path.Combine(_root, "opt", "dotnet")).FullName;
        File.WriteAllText(Path.Combine(installation, "dotnet"), string.Empty);
        var alternatives = Directory.CreateDirectory(Path.Combine(_root, "etc", "alternatives")).FullName;
        File.CreateSymbolicLink(Path.Combine(alternatives, "dotnet"), Path.Combine(installation, "dotnet"));
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.Combine(alternatives, "dotnet"));

        Assert.Equal(installation, FunctionResolver.DotnetRoot(Path.Combine(bin, "dotnet")));
    }

    [Fact]
    public void A_muxer_that_is_no_link_is_its_own_folder()
    {
        var installation = Directory.CreateDirectory(Path.Combine(_root, "dotnet")).FullName;
        File.WriteAllText(Path.Combine(installation, "dotnet"), string.Empty);

        Assert.Equal(installation, FunctionResolver.DotnetRoot(Path.Combine(installation, "dotnet")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
