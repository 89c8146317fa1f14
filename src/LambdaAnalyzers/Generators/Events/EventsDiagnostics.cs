using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Generators;

/// <summary>
/// Input errors the generators report (04xx): problems with what the user asked them to generate. Only the events
/// generator reports any (LAM0402–LAM0404, LAM0406, LAM0407); what the handler wiring cannot wire is LAM0400's, an analyzer.
/// </summary>
internal static class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor UnknownEventSource = RuleDescriptor.Create(
        RuleIds.UnknownEventSource,
        title: "Unknown event source",
        messageFormat: "'{0}' is not an event source LambdaAnalyzers generates types for; the known sources are {1}",
        RuleCategories.Generators,
        DiagnosticSeverity.Error,
        description: "[assembly: LambdaEvents(...)] and the LambdaEventSource MSBuild items name the AWS event sources whose model types are generated. A name or value outside the catalog generates nothing; a typo would otherwise surface only as missing types.");

    public static readonly DiagnosticDescriptor MalformedSampleEvent = RuleDescriptor.Create(
        RuleIds.MalformedSampleEvent,
        title: "Sample event is not valid JSON",
        messageFormat: "Sample event '{0}' for type '{1}' is not valid JSON: {2}",
        RuleCategories.Generators,
        DiagnosticSeverity.Error,
        description: "A file given as an AdditionalFiles item with LambdaEventType metadata is a sample event that a C# type is inferred from. A file that is not valid JSON contributes nothing; the diagnostic points at the first character that cannot be read.");

    public static readonly DiagnosticDescriptor ConflictingSampleEvents = RuleDescriptor.Create(
        RuleIds.ConflictingSampleEvents,
        title: "Sample events of one type disagree",
        messageFormat: "Samples of '{0}' disagree at '{1}': {2}; the property is generated as JsonElement",
        RuleCategories.Generators,
        DiagnosticSeverity.Warning,
        description: "All samples of one LambdaEventType are merged into one C# type. Where they hold different kinds of JSON value at the same path (a string in one file, a number or an object in another) no C# type fits both, so the property keeps the raw JSON as a JsonElement.");

    public static readonly DiagnosticDescriptor SampleIsCatalogEvent = RuleDescriptor.Create(
        RuleIds.SampleIsCatalogEvent,
        title: "Sample event has the shape of a catalog event",
        messageFormat: "Sample '{0}' for type '{1}' is {2}: the catalog type {3} fits it ([assembly: LambdaEvents(LambdaEventSources.{4})] or <LambdaEventSource Include=\"{4}\" />)",
        RuleCategories.Generators,
        DiagnosticSeverity.Info,
        description: "The catalog already has a type for this AWS event, with the names of the Amazon.Lambda.*Events packages and every documented field; a type inferred from one sample knows only the fields the sample happens to hold.");

    public static readonly DiagnosticDescriptor InvalidEventTypeName = RuleDescriptor.Create(
        RuleIds.InvalidEventTypeName,
        title: "Invalid name for generated event types",
        messageFormat: "{0}",
        RuleCategories.Generators,
        DiagnosticSeverity.Error,
        description: "The namespace of the generated event types (LambdaEvents' Namespace, the LambdaEventsNamespace property) must be a C# namespace name, and a LambdaEventType must be a C# identifier that no catalog type already uses. Nothing is generated for a name that would not compile.");
}
