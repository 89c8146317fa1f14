using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0001: a handler string that the runtime cannot resolve in this project: a malformed string,
/// a type or method that does not exist (with the closest existing name), an assembly name that is
/// not this project's though the function's code is (a renamed project), for an executable on a
/// managed runtime a string that does not name the executable (or, with several generated
/// handlers, cannot also select one), and for a <c>provided.*</c> function with several generated
/// handlers a name no handler has.
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
        // Amazon.Lambda.Annotations writes this string again on this build (a renamed method's wrapper included).
        if (handler.RewrittenOnBuild)
        {
            return;
        }

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
                if (HandlerResolver.ClosestMatch(context.Compilation, parsed, resolution, context.CancellationToken) is { } type)
                {
                    suggestion = $"{parsed.Assembly}::{type}::{parsed.Method}";
                    problem += $"; did you mean '{type}'?";
                }

                break;
            case HandlerResolutionKind.MethodNotFound:
                problem = $"type '{parsed.Type}' has no method '{parsed.Method}'";
                if (HandlerResolver.ClosestMatch(context.Compilation, parsed, resolution, context.CancellationToken) is { } method)
                {
                    suggestion = $"{parsed.Assembly}::{parsed.Type}::{method}";
                    problem += $"; did you mean '{method}'?";
                }

                break;
            case HandlerResolutionKind.WrongAssembly when resolution.Assembly is { } assembly:
                suggestion = parsed.WithAssembly(assembly).Text;
                problem = $"the function's code is this project, which builds assembly '{assembly}', not '{parsed.Assembly}'; did you mean '{suggestion}'?";
                break;
            case HandlerResolutionKind.NotOurs when parsed.Form == HandlerStringForm.ExecutableAssembly:
                problem = ExecutableProblem(handler, parsed, model, out suggestion);
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
    /// An executable's handler string. On a <c>provided.*</c> runtime it reaches <c>Main</c> only as
    /// <c>_HANDLER</c>: with two or more generated handlers it must name one of them. A managed
    /// runtime's bootstrap runs the file the string names (<c>NAME.dll</c> with dotnet, else <c>NAME</c>)
    /// and fails Init when it is not there, so the string must be the executable's name; the
    /// generated <c>Main</c> then sees that name as <c>_HANDLER</c>, which must also select one of
    /// several generated handlers.
    /// </summary>
    private static string? ExecutableProblem(ConfiguredHandler handler, HandlerString parsed, HandlerModel model, out string? suggestion)
    {
        suggestion = null;
        if (!model.IsExecutable || handler.Runtime is not { } runtime)
        {
            return null;
        }

        var names = model.GeneratedHandlerNames;
        var list = string.Join(", ", names);
        if (LambdaRuntimes.IsOsOnly(runtime))
        {
            if (names.Length < 2 || names.Contains(parsed.Assembly))
            {
                return null;
            }

            var closest = HandlerResolver.Closest(parsed.Assembly, names);
            suggestion = closest;
            return $"this function has {names.Length} generated handlers ({list}) and selects one by _HANDLER, which names none of them"
                + (closest is null ? string.Empty : $"; did you mean '{closest}'?");
        }

        if (!LambdaRuntimes.TryParseManagedRuntime(runtime, out _) || handler.DeployedAssemblyName is not { } executable)
        {
            return null;
        }

        var file = parsed.Assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? parsed.Assembly.Substring(0, parsed.Assembly.Length - 4) : parsed.Assembly;
        if (!string.Equals(file, executable, StringComparison.Ordinal))
        {
            suggestion = executable;
            var handlerName = names.Contains(parsed.Assembly)
                ? $"; '{parsed.Assembly}' is a generated handler's name, which only a provided.* runtime passes through to Main"
                : string.Empty;
            return $"the {runtime} runtime starts the executable the handler string names, '{file}.dll', and this project's executable is '{executable}'{handlerName}; did you mean '{executable}'?";
        }

        if (names.Length < 2 || names.Contains(parsed.Assembly))
        {
            return null;
        }

        return $"on the {runtime} runtime the handler string must name the executable for the runtime to start it, and the generated Main then receives that name as _HANDLER to select one of its {names.Length} handlers ({list}), which names none of them; deploy on provided.al2023 with a handler's name as the handler string, or keep one [LambdaHandler] per executable";
    }
}
