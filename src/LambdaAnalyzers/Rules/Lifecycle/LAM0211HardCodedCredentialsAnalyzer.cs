using System.Collections.Immutable;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0211: AWS credentials written into the code. Lambda hands the function its execution role's
/// credentials through the environment, and the SDK's default chain reads them; literal keys leak
/// with the source and outlive their rotation. Test projects are left alone.
/// <para>
/// Works per file from the syntax: only the string literals that look like an access key id, the
/// creations of a type that binds (as a type name alone) to an SDK client or credentials type, and the
/// calls spelled <c>SetEnvironmentVariable</c> are bound (creations only when the compilation references the SDK's
/// credentials or client types at all). An operation action on every literal, call or
/// creation would make the analyzer driver build the operation tree of every method body of the project
/// a second time (the compiler's own binding is not shared with it), the largest share of what the
/// package once added to a build.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0211HardCodedCredentialsAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.HardCodedCredentials,
        title: "AWS credentials are hard-coded",
        messageFormat: "{0} hard-codes AWS credentials; let the SDK's default credential chain read the execution role's credentials from the environment",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "Lambda gives every function the credentials of its execution role through environment variables, and AWS SDK clients created without credentials find them. Access keys written into the code leak with the source, bypass the role's permissions and keep working after they should have been rotated.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken)
            || ProjectFacts.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider).IsTestProject)
        {
            return;
        }

        var compilation = start.Compilation;
        var sdk = WellKnownTypes.For(compilation).AwsSdk;
        var setEnvironmentVariable = FindSetEnvironmentVariable(compilation);
        start.RegisterSyntaxTreeAction(c => AnalyzeTree(c, compilation, sdk, setEnvironmentVariable));
    }

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context, Compilation compilation, AwsSdkTypes sdk, IMethodSymbol? setEnvironmentVariable)
    {
        SemanticModel? model = null;
        foreach (var node in context.Tree.GetRoot(context.CancellationToken).DescendantNodes())
        {
            var candidate = node switch
            {
                LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) && AwsCredentialValues.LooksLikeAccessKeyId(literal.Token.ValueText),
                ObjectCreationExpressionSyntax creation => sdk.HasCredentialTakers && creation.ArgumentList is { Arguments.Count: > 0 },
                ImplicitObjectCreationExpressionSyntax creation => sdk.HasCredentialTakers && creation.ArgumentList.Arguments.Count > 0,
                InvocationExpressionSyntax invocation => setEnvironmentVariable is not null
                    && invocation.ArgumentList.Arguments.Count == 2
                    && NamesInText.CalledName(invocation) == setEnvironmentVariable.Name,
                _ => false,
            };
            if (!candidate)
            {
                continue;
            }

            model ??= SourceOperations.ModelOf(node, compilation);
            if (model is null)
            {
                return;
            }

            // A named type is bound alone, as a type name: most creations are of the project's own types,
            // and their arguments need not be bound to tell. So is the declared type a target-typed new(...)
            // initialises (a field, property or local declared with its type).
            if (CreatedTypeName(node) is { } typeName
                && !IsCredentialsTaker(model.GetSpeculativeTypeInfo(typeName.SpanStart, typeName, SpeculativeBindingOption.BindAsTypeOrNamespace).Type, sdk))
            {
                continue;
            }

            switch (model.GetOperation(node, context.CancellationToken))
            {
                case IObjectCreationOperation creation:
                    AnalyzeCreation(context, creation, sdk);
                    break;
                case IInvocationOperation invocation:
                    AnalyzeInvocation(context, invocation, setEnvironmentVariable);
                    break;
                case ILiteralOperation literal:
                    AnalyzeLiteral(context, literal, sdk, setEnvironmentVariable);
                    break;
            }
        }
    }

    /// <summary>
    /// The type a creation makes, as written: <c>new T(...)</c>, or the declared type of the field, property or local
    /// that <c>new(...)</c> initialises. Null when only binding tells (an argument, an assignment, a return, <c>var</c>).
    /// </summary>
    private static TypeSyntax? CreatedTypeName(SyntaxNode creation) => creation switch
    {
        ObjectCreationExpressionSyntax named => named.Type,
        ImplicitObjectCreationExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: var declared } } => declared switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } => type,
            PropertyDeclarationSyntax property => property.Type,
            _ => null,
        },
        _ => null,
    };

    private static void AnalyzeCreation(SyntaxTreeAnalysisContext context, IObjectCreationOperation creation, AwsSdkTypes sdk)
    {
        var type = creation.Type;
        if (!TakesCredentials(creation, sdk))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (AwsCredentialValues.IsCredentialParameter(argument.Parameter)
                && AwsCredentialValues.TryGetSourceString(argument.Value, context.CancellationToken) is { } value
                && AwsCredentialValues.LooksLikeCredential(value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), $"'new {type!.Name}(...)'"));
                return;
            }
        }
    }

    private static void AnalyzeInvocation(SyntaxTreeAnalysisContext context, IInvocationOperation invocation, IMethodSymbol? setEnvironmentVariable)
    {
        if (CredentialVariableWritten(invocation, setEnvironmentVariable) is { } name
            && AwsCredentialValues.TryGetSourceString(invocation.Arguments[1].Value, context.CancellationToken) is { } value
            && AwsCredentialValues.LooksLikeCredential(value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), $"Setting '{name}'"));
        }
    }

    /// <summary>The credential variable a call to <c>Environment.SetEnvironmentVariable(name, value)</c> writes, if any.</summary>
    private static string? CredentialVariableWritten(IInvocationOperation invocation, IMethodSymbol? setEnvironmentVariable) =>
        setEnvironmentVariable is not null
        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod, setEnvironmentVariable)
        && invocation.Arguments.Length == 2
        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
        && AwsCredentialValues.IsCredentialEnvironmentVariable(name)
            ? name
            : null;

    private static void AnalyzeLiteral(SyntaxTreeAnalysisContext context, ILiteralOperation literal, AwsSdkTypes sdk, IMethodSymbol? setEnvironmentVariable)
    {
        if (literal.ConstantValue is not { HasValue: true, Value: string text }
            || !AwsCredentialValues.LooksLikeAccessKeyId(text)
            || IsReportedWithItsCall(literal, sdk, setEnvironmentVariable))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, literal.Syntax.GetLocation(), "This access key id literal"));
    }

    /// <summary>A literal passed straight to a credential parameter is reported once, with its call.</summary>
    private static bool IsReportedWithItsCall(IOperation literal, AwsSdkTypes sdk, IMethodSymbol? setEnvironmentVariable)
    {
        return literal.ParentSkippingImplicitConversions() is IArgumentOperation argument
            && ((argument.Parent is IObjectCreationOperation creation
                    && TakesCredentials(creation, sdk)
                    && AwsCredentialValues.IsCredentialParameter(argument.Parameter))
                || (argument.Parent is IInvocationOperation invocation
                    && CredentialVariableWritten(invocation, setEnvironmentVariable) is not null));
    }

    /// <summary>A credentials object or an SDK client being created: the calls whose credential arguments this rule reads.</summary>
    private static bool TakesCredentials(IObjectCreationOperation creation, AwsSdkTypes sdk) =>
        IsCredentialsTaker(creation.Type, sdk);

    private static bool IsCredentialsTaker(ITypeSymbol? type, AwsSdkTypes sdk) =>
        sdk.IsCredentials(type) || sdk.IsServiceClient(type);

    private static IMethodSymbol? FindSetEnvironmentVariable(Compilation compilation)
    {
        var environment = WellKnownTypes.Find(compilation, "System.Environment");
        if (environment is null)
        {
            return null;
        }

        foreach (var member in environment.GetMembers("SetEnvironmentVariable"))
        {
            if (member is IMethodSymbol { Parameters.Length: 2 } method)
            {
                return method;
            }
        }

        return null;
    }
}
