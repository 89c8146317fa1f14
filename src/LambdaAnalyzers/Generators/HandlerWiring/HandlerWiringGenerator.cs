using System.Collections.Immutable;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>
/// Generates the wiring of <c>[LambdaHandler]</c> methods (docs/architecture.md, "Generators"): per handler its name,
/// handler string and a typed, reflection-free invoker (deserialize with the serializer in force,
/// call, serialize), plus an <c>ILambdaContext</c> adapter in the user's compilation. Active only
/// when the compilation references LambdaAnalyzers.Runtime. Parser → model → emitter; every step
/// is named and holds equatable models only (see <see cref="TrackingNames"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HandlerWiringGenerator : IIncrementalGenerator
{
    public const string AttributeName = "LambdaAnalyzers.Runtime.LambdaHandlerAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every compilation-wide fact in one step (each edit makes a new compilation, so this runs per edit and
        // must stay cheap: the context interfaces are memoised per referenced Amazon.Lambda.Core).
        var project = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => HandlerWiringParser.ParseProject(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Project);

        var events = EventsGenerator.Names(context, TrackingNames.EventTypes);
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => HandlerWiringParser.Parse(ctx, ct))
            .Where(static h => h is not null)
            .Select(static (h, _) => h!)
            .WithTrackingName(TrackingNames.Handlers)
            .Combine(events)
            .Select(static (input, _) => HandlerWiringParser.Resolve(input.Left, input.Right))
            .WithTrackingName(TrackingNames.ResolvedHandlers);

        // A handler it cannot wire is skipped; LAM0400 (an analyzer) reports it when no runtime-shape rule does.
        var handlers = parsed.Where(static p => p.Spec is not null).Select(static (p, _) => p.Spec!);

        var collected = handlers
            .Collect()
            .Select(static (all, _) => Distinct(all))
            .WithTrackingName(TrackingNames.HandlersCollected);

        var bootstrap = project
            .Select(static (spec, _) => new BootstrapSpec(
                IsExecutable: spec.IsExecutable,
                HasUserEntryPoint: spec.HasUserEntryPoint,
                Enabled: spec.MainEnabled))
            .WithTrackingName(TrackingNames.Bootstrap);

        var wiring = collected.Combine(project).WithTrackingName(TrackingNames.Wiring);
        context.RegisterSourceOutput(wiring, static (spc, input) =>
        {
            var (all, projectSpec) = input;
            if (!projectSpec.RuntimeReferenced || all.Length == 0)
            {
                return;
            }

            spc.AddSource("LambdaHandlers.g.cs", HandlerWiringEmitter.Handlers(all));
            spc.AddSource("LambdaPayload.g.cs", HandlerWiringEmitter.Payload());
            if (projectSpec.Context is { } contextSpec)
            {
                spc.AddSource("LambdaContext.g.cs", HandlerWiringEmitter.Context(contextSpec));
            }
        });

        context.RegisterSourceOutput(collected.Combine(project).Combine(bootstrap), static (spc, input) =>
        {
            var ((all, projectSpec), spec) = input;
            if (projectSpec.RuntimeReferenced && all.Length > 0 && spec is { IsExecutable: true, HasUserEntryPoint: false, Enabled: true })
            {
                spc.AddSource("LambdaBootstrap.g.cs", HandlerWiringEmitter.Bootstrap(all));
            }
        });
    }

    /// <summary>
    /// The handlers in ordinal order of their generated class, one per class: of handlers whose names map to the
    /// same class (LAM0401 reports them) the first by <see cref="HandlerSpec.OrderKey"/> is wired.
    /// </summary>
    private static EquatableArray<HandlerSpec> Distinct(ImmutableArray<HandlerSpec> all)
    {
        var sorted = all.Sort(static (a, b) =>
        {
            var byClass = string.CompareOrdinal(a.ClassName, b.ClassName);
            return byClass != 0 ? byClass : string.CompareOrdinal(a.OrderKey, b.OrderKey);
        });
        var distinct = ImmutableArray.CreateBuilder<HandlerSpec>(sorted.Length);
        foreach (var handler in sorted)
        {
            if (distinct.Count == 0 || distinct[distinct.Count - 1].ClassName != handler.ClassName)
            {
                distinct.Add(handler);
            }
        }

        return new EquatableArray<HandlerSpec>(distinct.ToImmutable());
    }

    /// <summary>The named steps tests check for caching, in pipeline order.</summary>
    public static class TrackingNames
    {
        public const string Project = nameof(Project);
        public const string Handlers = nameof(Handlers);
        public const string EventTypes = nameof(EventTypes);
        public const string ResolvedHandlers = nameof(ResolvedHandlers);
        public const string HandlersCollected = nameof(HandlersCollected);
        public const string Wiring = nameof(Wiring);
        public const string Bootstrap = nameof(Bootstrap);

        public static ImmutableArray<string> All { get; } = ImmutableArray.Create(
            Project, Handlers, EventTypes, ResolvedHandlers, HandlersCollected, Wiring, Bootstrap);
    }
}
