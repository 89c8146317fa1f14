using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// LAM0104: a reflection-based System.Text.Json Lambda serializer in a project published with
/// Native AOT or trimming, where reflection-based serialization is off: the first invoke throws.
/// Reported on each <c>[LambdaSerializer]</c> (or bootstrap argument) naming one. In a class library the
/// attribute and the project's properties decide alone; the handler types its code fix lists in a new
/// context are found by the fix (<see cref="HandlerTypeIds"/>), so the analyzer walks no handler. An
/// executable's attribute is reported only when a handler reads it, which takes the handler model.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0104ReflectionSerializerInTrimmedProjectAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Diagnostic property of a bootstrap argument: reference IDs of the handler types, separated by
    /// <see cref="Separator"/> (an attribute's are found by <see cref="HandlerTypeIds"/> when the fix runs).
    /// </summary>
    public const string TypesKey = "Types";

    /// <summary>Diagnostic property: "true" when the serializer is the default one (the fix keeps its naming).</summary>
    public const string IsDefaultSerializerKey = "IsDefault";

    public const char Separator = '|';

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ReflectionSerializerInTrimmedProject,
        title: "Reflection-based JSON serializer in a Native AOT or trimmed project",
        messageFormat: "'{0}' serializes by reflection, which is off in this {1} project: the first invoke throws; use SourceGeneratorLambdaJsonSerializer<TContext>",
        RuleCategories.Serialization,
        DiagnosticSeverity.Warning,
        description: "With PublishAot, PublishTrimmed or IsTrimmable, System.Text.Json's reflection-based serialization is disabled, so DefaultLambdaJsonSerializer and CamelCaseLambdaJsonSerializer throw on the first invoke. SourceGeneratorLambdaJsonSerializer<TContext> with a JsonSerializerContext listing the handler types works there.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var facts = ProjectFacts.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            var mode = MsBuildProperty.IsTrue(facts.GetBuildProperty("PublishAot")) ? "Native AOT"
                : MsBuildProperty.IsTrue(facts.GetBuildProperty("PublishTrimmed")) || MsBuildProperty.IsTrue(facts.GetBuildProperty("IsTrimmable")) ? "trimmed"
                : null;
            if (mode is null)
            {
                return;
            }

            var types = WellKnownTypes.For(start.Compilation).Lambda;
            var compilation = start.Compilation;
            var options = start.Options;
            var isExecutable = ProjectOutput.IsExecutable(compilation);
            var declarations = new Once<Dictionary<(SyntaxTree, TextSpan), Declaration>>();
            start.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    var attribute = (AttributeSyntax)nodeContext.Node;
                    if (!RightmostName(attribute.Name).StartsWith("LambdaSerializer", StringComparison.Ordinal)
                        || nodeContext.SemanticModel.GetSymbolInfo(attribute, nodeContext.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } attributeType }
                        || !SymbolEqualityComparer.Default.Equals(attributeType, types.LambdaSerializerAttribute)
                        || attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not TypeOfExpressionSyntax typeOf
                        || nodeContext.SemanticModel.GetTypeInfo(typeOf.Type, nodeContext.CancellationToken).Type is not INamedTypeSymbol serializerType
                        || SerializerInForce.FromType(serializerType).Kind != SerializerKind.SystemTextJsonReflection)
                    {
                        return;
                    }

                    // An executable's handlers that read the attribute ([LambdaHandler], Annotations, a handler
                    // string) are all in the model: with none, it is read by nothing (the bootstrap delegates
                    // carry their own serializer, reported where it is passed). A class library's handlers may
                    // be named where we cannot see (a CDK stack, the console): the attribute is reported alone.
                    if (isExecutable
                        && !declarations.Get(() => FindDeclarations(compilation, HandlerModel.For(compilation, options, nodeContext.CancellationToken), nodeContext.CancellationToken))
                            .ContainsKey((attribute.SyntaxTree, attribute.Span)))
                    {
                        return;
                    }

                    nodeContext.ReportDiagnostic(new Declaration(serializerType).ToDiagnostic(attribute.GetLocation(), mode, withTypes: false));
                },
                SyntaxKind.Attribute);

            start.RegisterSyntaxTreeAction(
                treeContext =>
                {
                    var handlers = HandlerModel.For(compilation, options, treeContext.CancellationToken);
                    foreach (var bootstrap in handlers.Entries(treeContext.CancellationToken).BootstrapHandlersIn(treeContext.Tree))
                    {
                        if (bootstrap.Method is not { } method || bootstrap.Serializer.Kind != SerializerKind.SystemTextJsonReflection)
                        {
                            continue;
                        }

                        foreach (var argument in bootstrap.Call.Arguments)
                        {
                            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, types.ILambdaSerializer))
                            {
                                var declaration = new Declaration(bootstrap.Serializer.Type!);
                                declaration.Add(HandlerShape.InputOf(method, types), types);
                                declaration.Add(HandlerShape.OutputOf(method, types), types);
                                treeContext.ReportDiagnostic(declaration.ToDiagnostic(argument.Value.Syntax.GetLocation(), mode, withTypes: true));
                            }
                        }
                    }
                });

        });
    }

    /// <summary>
    /// For the code fix: the reference IDs of the handler types that go through the reflection-based
    /// <c>[LambdaSerializer]</c> at <paramref name="span"/> of <paramref name="tree"/>, separated by
    /// <see cref="Separator"/>; empty when no handler reads it. Walks every handler of the assembly.
    /// </summary>
    internal static string HandlerTypeIds(Compilation compilation, AnalyzerOptions options, SyntaxTree tree, TextSpan span, CancellationToken cancellationToken) =>
        FindDeclarations(compilation, HandlerModel.For(compilation, options, cancellationToken), cancellationToken).TryGetValue((tree, span), out var declaration)
            ? declaration.TypeIds()
            : string.Empty;

    /// <summary>Each reflection-based <c>[LambdaSerializer]</c> in force for a handler, with the handler types going through it.</summary>
    private static Dictionary<(SyntaxTree, TextSpan), Declaration> FindDeclarations(Compilation compilation, HandlerModel handlers, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(SyntaxTree, TextSpan), Declaration>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                }
                else if (member is IMethodSymbol method && handlers.KindOf(method, cancellationToken) is { } kind && kind.IsSerializedByAttribute())
                {
                    var serializer = SerializerInForce.For(method, handlers.Types);
                    if (serializer.Kind == SerializerKind.SystemTextJsonReflection && serializer.Declaration?.ApplicationSyntaxReference is { } reference)
                    {
                        var key = (reference.SyntaxTree, reference.Span);
                        if (!found.TryGetValue(key, out var declaration))
                        {
                            declaration = new Declaration(serializer.Type!);
                            found.Add(key, declaration);
                        }

                        declaration.Add(HandlerShape.InputOf(method, handlers.Types), handlers.Types);
                        declaration.Add(HandlerShape.OutputOf(method, handlers.Types), handlers.Types);
                    }
                }
            }
        }

        return found;
    }

    // A syntactic pre-filter before binding: [LambdaSerializer], [LambdaSerializerAttribute], [Amazon.Lambda.Core.LambdaSerializer].
    private static string RightmostName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>One serializer declaration and the handler types that go through it.</summary>
    private sealed class Declaration
    {
        private readonly INamedTypeSymbol _serializer;
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);

        public Declaration(INamedTypeSymbol serializer) => _serializer = serializer;

        public void Add(ITypeSymbol? type, LambdaTypes types)
        {
            if (type is null || LambdaAnalyzers.Serialization.SerializationTypes.IsUnbound(type) || types.IsStreamOrDerived(type))
            {
                return;
            }

            lock (_types)
            {
                _types.Add(DocumentationCommentId.CreateReferenceId(type));
            }
        }

        public string TypeIds()
        {
            lock (_types)
            {
                return string.Join(Separator.ToString(), _types);
            }
        }

        public Diagnostic ToDiagnostic(Location location, string mode, bool withTypes)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(IsDefaultSerializerKey, _serializer.Name == "DefaultLambdaJsonSerializer" ? "true" : "false");
            if (withTypes)
            {
                properties = properties.Add(TypesKey, TypeIds());
            }

            return Diagnostic.Create(Rule, location, properties, _serializer.Name, mode);
        }
    }
}
