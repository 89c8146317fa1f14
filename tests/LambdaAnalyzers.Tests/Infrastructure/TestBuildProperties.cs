using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// MSBuild properties as the package's build props hand them to analyzers and generators (<c>build_property.*</c> global
/// options), and AdditionalFiles item metadata (<c>build_metadata.AdditionalFiles.*</c>) by file path.
/// </summary>
internal sealed class TestBuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _fileMetadata;

    public TestBuildProperties(IReadOnlyDictionary<string, string> properties, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileMetadata = null)
    {
        _global = new Options("build_property.", properties);
        _fileMetadata = fileMetadata ?? new Dictionary<string, IReadOnlyDictionary<string, string>>();
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _fileMetadata.TryGetValue(textFile.Path, out var metadata) ? new Options("build_metadata.AdditionalFiles.", metadata) : Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(string.Empty, new Dictionary<string, string>());

        private readonly string _prefix;
        private readonly IReadOnlyDictionary<string, string> _values;

        public Options(string prefix, IReadOnlyDictionary<string, string> values)
        {
            _prefix = prefix;
            _values = values;
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            if (_prefix.Length > 0 && key.StartsWith(_prefix, StringComparison.Ordinal) && _values.TryGetValue(key.Substring(_prefix.Length), out var found))
            {
                value = found;
                return true;
            }

            value = null;
            return false;
        }
    }
}
