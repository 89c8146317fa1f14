using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0212: an <c>async void</c> method or lambda started on the invoke path or in Init code: a call
/// to an <c>async void</c> method of this compilation, or an <c>async</c> lambda (or <c>async void</c>
/// method group) passed as a <c>void</c>-returning delegate to a call (<c>list.ForEach(async x =&gt; …)</c>,
/// <c>Parallel.ForEach</c>, <c>new Thread(…)</c>). Nothing can await it: an exception it throws is
/// rethrown on the thread pool and ends the runtime process, and the work still running when the
/// invoke returns is frozen with the environment. Handlers themselves are LAM0003's; delegates
/// subscribed to events (<c>+=</c>) are not started here.
/// </summary>
internal sealed class LAM0212AsyncVoidStarted : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.AsyncVoidStarted,
        title: "async void work is started on the invoke path or in Init",
        messageFormat: "{0} is async void and nothing awaits it: an exception it throws ends the Lambda runtime process, and work still running when the {1} ends is frozen with the environment. Return Task and await it.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "An async void method or lambda returns to its caller at its first await and gives back nothing to wait for. In a Lambda function the invoke can end while it still runs: Lambda freezes the environment with the work half done. An exception it throws is raised on the thread pool, where nothing catches it, and ends the runtime process: the invoke fails with Runtime.ExitError and the next one pays a cold start. Return Task (or use a Task-returning overload such as Task.WhenAll over a Select) and await it.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var codes in new[] { lifecycle.InvokePath, lifecycle.InitCode })
        {
            foreach (var code in codes)
            {
                var phase = code.Phase == Phase.Invoke ? "invoke" : "Init phase";
                foreach (var operation in code.Operations())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation when IsAsyncVoid(invocation.TargetMethod) && compilation.Model.KindOf(invocation.TargetMethod.OriginalDefinition, reporter.CancellationToken) is null:
                            reporter.Report(Rule, invocation, code, "'" + invocation.TargetMethod.Name + "'", phase);
                            break;
                        case IDelegateCreationOperation creation when StartedAsyncVoid(creation) is { } started:
                            reporter.Report(Rule, Head(creation.Target.Syntax), code, started, phase);
                            break;
                    }
                }
            }
        }
    }

    private static bool IsAsyncVoid(IMethodSymbol method) => method.IsAsync && method.ReturnsVoid;

    /// <summary>A lambda up to its <c>=&gt;</c>, an anonymous method up to its parameters (their bodies may be long); anything else whole.</summary>
    private static Location Head(SyntaxNode syntax) => syntax switch
    {
        LambdaExpressionSyntax lambda => Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End)),
        AnonymousMethodExpressionSyntax method => Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(method.SpanStart, method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End)),
        _ => syntax.GetLocation(),
    };

    /// <summary>How to name an async void lambda or method group handed to a call as a void-returning delegate; null otherwise.</summary>
    private static string? StartedAsyncVoid(IDelegateCreationOperation creation)
    {
        var name = creation.Target switch
        {
            IAnonymousFunctionOperation lambda when IsAsyncVoid(lambda.Symbol) => "The async lambda",
            IMethodReferenceOperation reference when IsAsyncVoid(reference.Method) => "'" + reference.Method.Name + "'",
            _ => null,
        };

        // Handed to a call or a constructor, which runs it (an event subscription only stores it).
        return name is not null && creation.ParentSkippingConversions(out _) is IArgumentOperation { Parent: IInvocationOperation or IObjectCreationOperation } ? name : null;
    }
}
