using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Operations;
using LambdaAnalyzers.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.Tests.Operations;

/// <summary>
/// <see cref="NamesInText"/> finds from the text exactly the simple names a walk of every node finds: checked on
/// hand-written spellings and, differentially, on every C# file of this repository's src/ folder.
/// </summary>
public sealed class NamesInTextTests
{
    [Theory]
    [InlineData("class C { void M() { Handle(); } void Handle() { } }", 1)]
    [InlineData("class C { void M() { @Handle(); } void Handle() { } }", 1)]
    [InlineData("class C { void M() { \\u0048andle(); } void Handle() { } }", 1)]
    [InlineData("class C { void M() { var s = $\"{Handle()}\"; } string Handle() => \"\"; }", 1)]
    [InlineData("class C { void M() { var n = nameof(Handle); x.Handle(); y?.Handle(); } void Handle() { } }", 3)]
    [InlineData("class C { void M() { /* Handle() */ var s = \"Handle()\"; Rehandle(); HandleIt(); } }", 0)]
    [InlineData("class C { void M() { // Handle()\n } }", 0)]
    [InlineData("class C { void Handle() { } }", 0)]
    [InlineData("", 0)]
    public void Finds_the_names_a_walk_finds(string source, int expected)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var identifiers = new HashSet<string>(StringComparer.Ordinal) { "Handle" };
        var found = NamesInText.Find(tree, identifiers, default).ToList();
        Assert.Equal(expected, found.Count);
        Assert.Equal(Walk(tree, identifiers), found);
    }

    [Fact]
    public void Agrees_with_a_walk_on_every_source_file_of_the_repository()
    {
        var files = Directory.GetFiles(RepoPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} files");
        var compared = 0;
        foreach (var file in files)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);

            // The file's most and least frequent names, and names it never spells.
            var names = tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText)
                .GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
            var identifiers = new HashSet<string>(names.Take(3).Concat(names.Skip(Math.Max(3, names.Count - 3))), StringComparer.Ordinal) { "FunctionHandler", "Create" };
            var expected = Walk(tree, identifiers);
            Assert.Equal(expected, NamesInText.Find(tree, identifiers, default).ToList());
            compared += expected.Count;
        }

        Assert.True(compared > 1000, $"only {compared} names compared");
    }

    private static List<SimpleNameSyntax> Walk(SyntaxTree tree, HashSet<string> identifiers) =>
        tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Where(n => identifiers.Contains(n.Identifier.ValueText)).ToList();
}
