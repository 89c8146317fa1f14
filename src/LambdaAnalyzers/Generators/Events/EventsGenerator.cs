using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Generators.Events.Catalog;
using LambdaAnalyzers.Generators.Events.Inference;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.Generators.Events;

/// <summary>
/// Generates event model types: the catalog of the AWS event sources a project opts in to
/// (<c>[assembly: LambdaEvents(...)]</c> or <c>LambdaEventSource</c> MSBuild items), and types inferred from sample
/// events (AdditionalFiles with <c>LambdaEventType</c> metadata). Each type gets a reflection-free codec and a
/// <c>[JsonConverter]</c>; <c>LambdaEventsJsonResolver</c> hands out their type information, because System.Text.Json's
/// own generator cannot see types another generator adds. Parser → model → emitter; every step is named
/// (<see cref="TrackingNames"/>) and holds equatable models only.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventsGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = Options(context, TrackingNames.Attribute, TrackingNames.MsBuild, TrackingNames.Options);
        context.RegisterSourceOutput(options, static (spc, o) =>
        {
            foreach (var problem in o.Problems)
            {
                spc.ReportDiagnostic(problem.ToDiagnostic());
            }
        });

        var groups = options
            .Select(static (o, _) => o.Namespace is null
                ? EquatableArray<CatalogRequest>.Empty
                : new EquatableArray<CatalogRequest>(EventCatalog.GroupsFor(o.Sources).Select(g => new CatalogRequest(g, o.Namespace)).ToImmutableArray()))
            .SelectMany(static (requests, _) => requests)
            .WithTrackingName(TrackingNames.CatalogGroups);
        context.RegisterSourceOutput(groups, static (spc, request) =>
        {
            var group = EventCatalog.Find(request.Group)!;
            spc.AddSource($"LambdaEvents.{group.Name}.g.cs", EventsEmitter.Types(request.Namespace, group.Summary, group.Types));
        });

        var samples = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, ct) => SampleParser.Parse(input.Left, input.Right.GetOptions(input.Left), ct))
            .Where(static s => s is not null)
            .Select(static (s, _) => s!)
            .WithTrackingName(TrackingNames.Samples);
        var inferred = samples
            .Collect()
            .SelectMany(static (all, _) => SampleParser.Group(all))
            .WithTrackingName(TrackingNames.SampleGroups)
            .Combine(options.Select(static (o, _) => o.Namespace))
            .Select(static (input, ct) => ShapeInference.Infer(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.InferredTypes);
        context.RegisterSourceOutput(inferred, static (spc, result) =>
        {
            foreach (var problem in result.Problems)
            {
                spc.ReportDiagnostic(problem.ToDiagnostic());
            }

            if (result.Namespace is not null && result.Types.Length > 0)
            {
                spc.AddSource($"LambdaEvents.Inferred.{result.TypeName}.g.cs", EventsEmitter.Types(result.Namespace, $"Inferred from the samples of {result.TypeName}.", result.Types.AsImmutableArray()));
            }
        });

        var all = options
            .Combine(inferred.Collect())
            .Select(static (input, _) => AllTypes(input.Left, input.Right))
            .WithTrackingName(TrackingNames.AllTypes);
        context.RegisterSourceOutput(all, static (spc, model) =>
        {
            if (model.Namespace is not null && model.Types.Length > 0)
            {
                spc.AddSource(HelpersEmitter.JsonClass + ".g.cs", HelpersEmitter.Json(model.Namespace));
                spc.AddSource(HelpersEmitter.ResolverClass + ".g.cs", HelpersEmitter.Resolver(model.Namespace, model.Types.AsImmutableArray()));
            }
        });
    }

    /// <summary>
    /// The opt-in, merged from the attribute and the MSBuild properties. Shared with the handler wiring generator, which
    /// needs to know which types this generator adds (its own input compilation does not have them yet).
    /// </summary>
    internal static IncrementalValueProvider<EventsOptions> Options(IncrementalGeneratorInitializationContext context, string attributeStep, string msBuildStep, string optionsStep)
    {
        var attributes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EventsOptionsParser.AttributeName,
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, _) => EventsOptionsParser.ParseAttribute(ctx))
            .Where(static a => a is not null)
            .Select(static (a, _) => a!)
            .Collect()
            .WithTrackingName(attributeStep);
        var msBuild = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) => EventsOptionsParser.ParseMsBuild(o))
            .WithTrackingName(msBuildStep);
        return attributes
            .Combine(msBuild)
            .Select(static (input, _) => EventsOptionsParser.Merge(input.Left, input.Right))
            .WithTrackingName(optionsStep);
    }

    /// <summary>
    /// The namespace-level types this generator adds to a compilation (catalog classes of the opted-in sources and the
    /// inferred roots), for the handler wiring generator, whose input compilation does not have them yet.
    /// </summary>
    internal static IncrementalValueProvider<GeneratedEventNames> Names(IncrementalGeneratorInitializationContext context, string step)
    {
        var options = Options(context, step + nameof(TrackingNames.Attribute), step + nameof(TrackingNames.MsBuild), step + nameof(TrackingNames.Options));
        var sampleTypes = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => input.Right.GetOptions(input.Left).TryGetValue(EventsOptionsParser.TypeMetadata, out var name) ? name.Trim() : string.Empty)
            .Where(static name => name.Length > 0)
            .Collect();
        return options
            .Combine(sampleTypes)
            .Select(static (input, _) => GeneratedEventNames.Of(input.Left, input.Right))
            .WithTrackingName(step);
    }

    private static GeneratedTypes AllTypes(EventsOptions options, ImmutableArray<InferredResult> inferred)
    {
        if (options.Namespace is null)
        {
            return new GeneratedTypes(null, EquatableArray<EventType>.Empty);
        }

        var types = EventCatalog.GroupsFor(options.Sources)
            .SelectMany(static g => EventCatalog.Find(g)!.Types)
            .Concat(inferred.OrderBy(static r => r.TypeName, System.StringComparer.Ordinal).SelectMany(static r => r.Types))
            .ToImmutableArray();
        return new GeneratedTypes(options.Namespace, new EquatableArray<EventType>(types));
    }

    /// <summary>The named steps tests check for caching, in pipeline order.</summary>
    public static class TrackingNames
    {
        public const string Attribute = nameof(Attribute);
        public const string MsBuild = nameof(MsBuild);
        public const string Options = nameof(Options);
        public const string CatalogGroups = nameof(CatalogGroups);
        public const string Samples = nameof(Samples);
        public const string SampleGroups = nameof(SampleGroups);
        public const string InferredTypes = nameof(InferredTypes);
        public const string AllTypes = nameof(AllTypes);

        public static ImmutableArray<string> All { get; } = ImmutableArray.Create(
            Attribute, MsBuild, Options, CatalogGroups, Samples, SampleGroups, InferredTypes, AllTypes);
    }
}

/// <summary>One catalog group to write, into a namespace.</summary>
internal sealed record CatalogRequest(string Group, string Namespace);

/// <summary>
/// The namespace and the names of the namespace-level classes a project gets (see <see cref="EventsGenerator.Names"/>),
/// and of the generic ones with the resolver method that closes them.
/// </summary>
internal sealed record GeneratedEventNames(string? Namespace, EquatableArray<string> Names, EquatableArray<string> GenericNames)
{
    public static GeneratedEventNames Of(EventsOptions options, ImmutableArray<string> sampleTypes)
    {
        if (options.Namespace is null)
        {
            return new GeneratedEventNames(null, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
        }

        var types = EventCatalog.GroupsFor(options.Sources)
            .SelectMany(static g => EventCatalog.Find(g)!.Types)
            .Where(static t => t.Container is null && t.Form != TypeForm.Abstract)
            .ToList();
        var names = types
            .Where(static t => !t.IsGeneric)
            .Select(static t => t.Name)
            .Concat(sampleTypes.Where(EventsOptionsParser.IsIdentifier))
            .Distinct(System.StringComparer.Ordinal)
            .OrderBy(static n => n, System.StringComparer.Ordinal)
            .ToImmutableArray();
        var generic = types
            .Where(static t => t.IsGeneric && t.TypeParameters.Length == 1 && t.ResolverMethod is not null)
            .Select(static t => t.Name + ":" + t.ResolverMethod)
            .OrderBy(static n => n, System.StringComparer.Ordinal)
            .ToImmutableArray();
        return new GeneratedEventNames(options.Namespace, new EquatableArray<string>(names), new EquatableArray<string>(generic));
    }

    /// <summary>The fully qualified name of the generated type <paramref name="name"/>, or null when none is generated.</summary>
    public string? Qualify(string name) =>
        Namespace is not null && Names.AsImmutableArray().BinarySearch(name, System.StringComparer.Ordinal) >= 0 ? $"global::{Namespace}.{name}" : null;

    /// <summary>The resolver method that closes the generated generic type <paramref name="name"/> (<c>WithDetail</c>), or null.</summary>
    public string? ClosingMethod(string name) =>
        GenericNames.FirstOrDefault(n => n.StartsWith(name + ":", System.StringComparison.Ordinal))?.Substring(name.Length + 1);

    /// <summary>The generated resolver's <c>Default</c>, fully qualified.</summary>
    public string Resolver => $"global::{Namespace}.{HelpersEmitter.ResolverClass}.Default";
}

/// <summary>Every class generated into a project, for the shared helpers and the resolver.</summary>
internal sealed record GeneratedTypes(string? Namespace, EquatableArray<EventType> Types);
