using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory, for compilations the tests build by hand.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    /// <summary>How often the text was read: the config-file cache must not re-read an unchanged file.</summary>
    public int Reads { get; private set; }

    public override SourceText GetText(CancellationToken cancellationToken = default)
    {
        Reads++;
        return _text;
    }
}
