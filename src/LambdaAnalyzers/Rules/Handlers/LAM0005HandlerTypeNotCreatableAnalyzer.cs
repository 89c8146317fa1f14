using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0005: the managed runtime cannot use the handler's type: a generic type (even for a static
/// handler), an interface or enum, an abstract class with an instance handler, or a class without
/// the public parameterless constructor <c>Activator.CreateInstance</c> needs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0005HandlerTypeNotCreatableAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.HandlerTypeNotCreatable,
        title: "The Lambda runtime cannot create the handler type",
        messageFormat: "Handler type '{0}' cannot be used by the Lambda runtime: {1}",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "For an instance handler the managed .NET runtime creates one instance of the handler type with its public parameterless constructor during Init. Generic types are rejected even for static handlers; abstract classes only work with static handlers.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        RuntimeLoadedHandlers.Register(context, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, IMethodSymbol method, HandlerModel model)
    {
        if (Problem(method) is { } problem)
        {
            context.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, method, model, method.ContainingType.Name, problem));
        }
    }

    /// <summary>Why the runtime cannot use the type, or null when it can.</summary>
    internal static string? Problem(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (HandlerSignature.GenericContainer(method) is { } generic)
        {
            return generic.Equals(type, SymbolEqualityComparer.Default)
                ? "it is generic, which the runtime rejects even for static handlers"
                : $"it is nested in the generic type '{generic.Name}'";
        }

        if (type.TypeKind is TypeKind.Interface)
        {
            return "it is an interface";
        }

        if (method.IsStatic || type.TypeKind is TypeKind.Struct)
        {
            return null;
        }

        if (type.IsAbstract)
        {
            return $"it is abstract and '{method.Name}' is an instance method; make the handler static or the class concrete";
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && constructor.DeclaredAccessibility == Accessibility.Public)
            {
                return null;
            }
        }

        return "it has no public parameterless constructor for the runtime to create the instance the handler runs on";
    }
}
