using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0001: a handler string that the runtime cannot resolve in this project: a malformed string,
/// a type or method that does not exist (with the closest existing name), or, for a
/// <c>provided.*</c> function with several generated handlers, a name no handler has.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0001UnknownHandlerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property carrying the suggested replacement for the code fix.</summary>
    public const string SuggestionProperty = "Suggestion";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.UnknownHandler,
        title: "Handler string does not resolve",
        messageFormat: "Handler '{0}' does not resolve: {1}",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "The handler string in a configuration file names the method Lambda calls. When its type or method does not exist in the project's assembly, the deployed function fails every invoke with an initialisation error; the message names the closest existing match.");

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
        var parsed = HandlerString.Parse(handler.Text);
        string? problem = null;
        string? suggestion = null;
        switch (resolution.Kind)
        {
            case HandlerResolutionKind.InvalidFormat:
                problem = "the format is ASSEMBLY::NAMESPACE.TYPE::METHOD, with no empty part";
                break;
            case HandlerResolutionKind.TypeNotFound:
                problem = $"type '{parsed.Type}' does not exist in assembly '{parsed.Assembly}'";
                if (resolution.ClosestMatch is { } type)
                {
                    suggestion = $"{parsed.Assembly}::{type}::{parsed.Method}";
                    problem += $"; did you mean '{type}'?";
                }

                break;
            case HandlerResolutionKind.MethodNotFound:
                problem = $"type '{parsed.Type}' has no method '{parsed.Method}'";
                if (resolution.ClosestMatch is { } method)
                {
                    suggestion = $"{parsed.Assembly}::{parsed.Type}::{method}";
                    problem += $"; did you mean '{method}'?";
                }

                break;
            case HandlerResolutionKind.NotOurs when parsed.Form == HandlerStringForm.ExecutableAssembly:
                problem = UnknownGeneratedHandler(handler, parsed, model, out suggestion);
                break;
        }

        if (problem is null)
        {
            return;
        }

        var properties = suggestion is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion);
        context.ReportDiagnostic(Diagnostic.Create(Rule, handler.Location, properties, handler.Text, problem));
    }

    /// <summary>
    /// A <c>provided.*</c> executable with two or more generated handlers picks one by <c>_HANDLER</c>,
    /// the handler string; a name none of them has fails Init. With one handler the string is ignored.
    /// </summary>
    private static string? UnknownGeneratedHandler(ConfiguredHandler handler, HandlerString parsed, HandlerModel model, out string? suggestion)
    {
        suggestion = null;
        if (!model.IsExecutable
            || handler.Runtime is null
            || !handler.Runtime.StartsWith("provided", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var names = model.GeneratedHandlerNames;
        if (names.Length < 2 || names.Contains(parsed.Assembly))
        {
            return null;
        }

        var closest = HandlerResolver.Closest(parsed.Assembly, names);
        suggestion = closest;
        return $"this function has {names.Length} generated handlers ({string.Join(", ", names)}) and selects one by _HANDLER, which names none of them"
            + (closest is null ? string.Empty : $"; did you mean '{closest}'?");
    }
}
