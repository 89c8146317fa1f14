using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Testing;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Bookkeeping;

/// <summary>Every rule is findable by its ID: docs page, help link, release entry, tests, index.</summary>
public sealed class RuleBookkeepingTests
{
    private static readonly Regex IdShape = new(@"^LAM0[0-4]\d\d$", RegexOptions.CultureInvariant);

    private static readonly string[] Categories =
    {
        RuleCategories.Handlers, RuleCategories.Serialization, RuleCategories.Lifecycle, RuleCategories.Deployment, RuleCategories.Generators,
    };

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in RuleCatalog.Descriptors)
        {
            data.Add(d.Id);
        }

        return data;
    }

    [Fact]
    public void The_package_has_rules() => Assert.NotEmpty(RuleCatalog.Descriptors);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_in_the_LAM_range_and_its_category_matches_the_range(string id)
    {
        Assert.Matches(IdShape, id);
        var descriptor = Descriptor(id);
        Assert.Contains(descriptor.Category, Categories);
        var expectedCategory = Categories[id[4] - '0'];
        Assert.Equal(expectedCategory, descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_an_existing_docs_page(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal(RuleDescriptor.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        var page = Path.Combine(RepoPaths.RulesDocs, id + ".md");
        Assert.True(File.Exists(page), $"{id} has no docs page at docs/rules/{id}.md");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptor(id);
        var entries = ReleaseEntries();
        Assert.True(entries.TryGetValue(id, out var entry), $"{id} is missing from AnalyzerReleases.Shipped.md/Unshipped.md");
        Assert.Equal(descriptor.Category, entry.Category);
        // Release tracking writes rules that ship disabled as "Disabled" (RS2001 insists).
        Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", entry.Severity);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_has_a_test_class_named_by_its_id(string id)
    {
        var testTypes = typeof(RuleBookkeepingTests).Assembly.GetTypes();
        Assert.Contains(testTypes, t => t.Name.StartsWith(id, StringComparison.Ordinal) && t.Name.EndsWith("Tests", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Title_message_and_description_are_written(string id)
    {
        var descriptor = Descriptor(id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    [Fact]
    public void Every_code_fix_fixes_a_known_rule()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(RuleCatalog.FixableIds, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Every_docs_page_belongs_to_a_rule()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(RepoPaths.RulesDocs, "LAM*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, page => Assert.Contains(page!, ids));
    }

    [Fact]
    public void Rule_index_is_in_sync_with_the_descriptors() =>
        GoldenFile.AssertMatches(Path.Combine(RepoPaths.RulesDocs, "README.md"), RuleIndex.Render());

    private static DiagnosticDescriptor Descriptor(string id) => RuleCatalog.Descriptors.Single(d => d.Id == id);

    private static Dictionary<string, (string Category, string Severity)> ReleaseEntries()
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(RepoPaths.AnalyzerProject, file)))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length >= 3 && IdShape.IsMatch(cells[0]))
                {
                    entries[cells[0]] = (cells[1], cells[2]);
                }
            }
        }

        return entries;
    }
}
