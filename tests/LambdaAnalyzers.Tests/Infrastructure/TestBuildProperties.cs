using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>MSBuild properties as the package's build props hand them to analyzers and generators (<c>build_property.*</c> global options).</summary>
internal sealed class TestBuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    public TestBuildProperties(IReadOnlyDictionary<string, string> properties) => _global = new Options(properties);

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> _properties;

        public Options(IReadOnlyDictionary<string, string> properties) => _properties = properties;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            const string Prefix = "build_property.";
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && _properties.TryGetValue(key.Substring(Prefix.Length), out var found))
            {
                value = found;
                return true;
            }

            value = null;
            return false;
        }
    }
}
