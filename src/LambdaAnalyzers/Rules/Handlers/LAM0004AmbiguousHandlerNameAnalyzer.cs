using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0004: the handler string names a method by a name two or more methods of the type share.
/// The runtime's lookup by name then fails, whatever the parameters; the string must give the full
/// signature as <c>MethodInfo.ToString()</c> prints it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0004AmbiguousHandlerNameAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the handler string with each candidate's signature, separated by newlines.</summary>
    public const string CandidatesProperty = "Candidates";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.AmbiguousHandlerName,
        title: "Handler method name is ambiguous",
        messageFormat: "Handler '{0}' is ambiguous: {1} methods of '{2}' are named '{3}'; give the full signature instead, for example '{4}'",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "The managed .NET runtime looks the handler method up by name, and fails when two or more methods of the type share it, whatever their parameters. A handler string may give the method's full signature exactly as MethodInfo.ToString() prints it (System.String Handle(System.String)) to pick one.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfiguredHandlerAnalysis.Register(context, Analyze);
    }

    private static void Analyze(AdditionalFileAnalysisContext context, ConfiguredHandler handler, HandlerModel model)
    {
        var resolution = handler.Resolution;
        if (resolution.Kind != HandlerResolutionKind.Ambiguous || resolution.Type is null)
        {
            return;
        }

        var parsed = HandlerString.Parse(handler.Text);
        var strings = resolution.Candidates
            .Select(c => $"{parsed.Assembly}::{parsed.Type}::{ReflectionSignature.Format(c)}")
            .ToImmutableArray();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CandidatesProperty, string.Join("\n", strings));
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            handler.Location,
            properties,
            handler.Text,
            resolution.Candidates.Length,
            parsed.Type,
            parsed.Method,
            strings[0]));
    }
}
