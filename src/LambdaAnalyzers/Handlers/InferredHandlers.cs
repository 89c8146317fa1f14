using System;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Handlers inferred where the deployment that names them is not visible (a CDK stack in another
/// project, the console, a template outside the repository). In a Lambda project — one that references
/// Amazon.Lambda.Core or sets <c>&lt;AWSProjectType&gt;Lambda&lt;/AWSProjectType&gt;</c>, never a test
/// project — a method is an inferred handler when:
/// <list type="bullet">
/// <item>it is a public ordinary method of a public, non-abstract class or struct (not an extension method);</item>
/// <item>the managed runtime would accept it: the signature checks of LAM0002, a creatable type (LAM0005), not <c>async void</c>;</item>
/// <item>its last parameter is <c>ILambdaContext</c>, or it is named <c>FunctionHandler</c> or <c>FunctionHandlerAsync</c>;</item>
/// <item>every type in its signature is bound;</item>
/// <item>no code of the compilation calls or references it (then it is a helper), directly or through an interface or base method it implements;</item>
/// <item>nothing else declares a handler for its type (a handler string, <c>[LambdaHandler]</c>,
/// <c>[LambdaFunction]</c>, a bootstrap delegate, an ASP.NET Core entry).</item>
/// </list>
/// Switched off with the MSBuild property <c>LambdaAnalyzersInferHandlers=false</c>, or for some files
/// with <c>lambda_analyzers.infer_handlers = false</c> in <c>.editorconfig</c>.
/// </summary>
internal static class InferredHandlers
{
    public const string OptionKey = "lambda_analyzers.infer_handlers";

    public const string BuildProperty = "LambdaAnalyzersInferHandlers";

    private static readonly string[] ConventionalNames = { "FunctionHandler", "FunctionHandlerAsync" };

    /// <summary>Handlers may be inferred in this project: a Lambda project, not a test project, inference not switched off.</summary>
    public static bool AppliesTo(Compilation compilation, ProjectFacts facts)
    {
        if (facts.IsTestProject || MsBuildProperty.IsFalse(facts.GetBuildProperty(BuildProperty)))
        {
            return false;
        }

        if (facts.IsAwsLambdaProject)
        {
            return true;
        }

        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (string.Equals(identity.Name, "Amazon.Lambda.Core", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>lambda_analyzers.infer_handlers = false</c> applies to <paramref name="tree"/>.</summary>
    public static bool IsSwitchedOff(AnalyzerConfigOptionsProvider options, SyntaxTree tree) =>
        MsBuildProperty.IsFalse(EditorConfigOption.Read(options, tree, OptionKey));

    /// <summary>
    /// <paramref name="method"/> has the declaration of an inferred handler (every condition but "nothing
    /// calls it" and "nothing else declares its type's handler", which need the whole compilation).
    /// </summary>
    public static bool IsCandidate(IMethodSymbol method, LambdaTypes types)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        // The name and the last parameter first: they rule out almost every method, and cost nothing more.
        var parameters = method.Parameters;
        var conventional = Array.IndexOf(ConventionalNames, method.Name) >= 0;
        var lastIsContext = parameters.Length > 0 && types.IsLambdaContext(parameters[parameters.Length - 1].Type);
        if (!conventional && !lastIsContext)
        {
            return false;
        }

        if (method.IsExtensionMethod
            || method.IsImplicitlyDeclared
            || (method.IsAsync && method.ReturnsVoid)
            || !IsPublicConcreteType(method.ContainingType))
        {
            return false;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return false;
            }
        }

        return !TypeChecks.SignatureContainsErrorType(method)
            && HandlerShape.Of(method, HandlerHost.ManagedRuntime, types).LoadsInRuntime;
    }

    private static bool IsPublicConcreteType(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || (type.IsAbstract && !type.IsStatic))
        {
            return false;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return !TypeChecks.HasUnboundBase(type);
    }
}
