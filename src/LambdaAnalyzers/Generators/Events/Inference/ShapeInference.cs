using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using LambdaAnalyzers.Generators.Events.Catalog;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Generators.Events.Inference;

/// <summary>
/// Infers C# classes from the sample events of one type. All samples are merged: a property is required when every
/// object at its path has it and it is never null; numbers widen int → long → decimal → double by the values seen;
/// strings become <c>DateTimeOffset</c> when every one is an ISO 8601 time with an offset; nested objects become classes
/// named after their path (<c>OrderPlacedCustomer</c>); values of different kinds at one path are a conflict (LAM0404)
/// kept as <c>JsonElement</c>.
/// </summary>
internal static class ShapeInference
{
    private static readonly Regex IsoTime = new(
        @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$",
        RegexOptions.CultureInvariant);

    /// <summary>Names a class of ours already has in every generated namespace.</summary>
    private static readonly string[] ReservedTypeNames = { HelpersEmitter.JsonClass, HelpersEmitter.ResolverClass };

    /// <summary>Members every class has: a property of that name would hide them.</summary>
    private static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize" };

    public static InferredResult Infer(SampleGroup group, string? ns, CancellationToken cancellationToken)
    {
        var problems = ImmutableArray.CreateBuilder<GeneratorProblem>();
        foreach (var file in group.Files)
        {
            if (file.Error is { } error)
            {
                problems.Add(error);
            }
        }

        var readable = group.Files.Where(static f => f.Root is not null).ToList();
        if (NameProblem(group) is { } nameProblem)
        {
            problems.Add(nameProblem);
            return Result(group, ns, ImmutableArray<EventType>.Empty, problems);
        }

        foreach (var file in readable)
        {
            if (CatalogShapes.Recognize(file.Root!) is { } match)
            {
                problems.Add(GeneratorProblem.Create(
                    GeneratorDiagnostics.SampleIsCatalogEvent,
                    file.Root!.Location with { Span = new TextSpan(file.Root.Location.Span.Start, 1), LineSpan = new LinePositionSpan(file.Root.Location.LineSpan.Start, file.Root.Location.LineSpan.Start) },
                    file.FileName,
                    group.TypeName,
                    match.Description,
                    match.TypeName,
                    match.Source));
            }
        }

        if (readable.Count == 0)
        {
            return Result(group, ns, ImmutableArray<EventType>.Empty, problems);
        }

        var root = new Shape();
        foreach (var file in readable)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Merge(root, file.Root!, file, "$", group.TypeName, problems);
        }

        var taken = new HashSet<string>(group.RootNames, StringComparer.Ordinal);
        taken.UnionWith(EventCatalog.TopLevelNames);
        taken.UnionWith(ReservedTypeNames);
        var types = new List<EventType>();
        var summary = $"An event inferred from the samples {string.Join(", ", readable.Select(static f => f.FileName))}.";
        Build(root, group.TypeName, Identifiers.Xml(summary), taken, types);
        return Result(group, ns, types.ToImmutableArray(), problems);
    }

    private static InferredResult Result(SampleGroup group, string? ns, ImmutableArray<EventType> types, ImmutableArray<GeneratorProblem>.Builder problems) =>
        new(group.TypeName, ns, new EquatableArray<EventType>(types), new EquatableArray<GeneratorProblem>(problems.ToImmutable()));

    private static GeneratorProblem? NameProblem(SampleGroup group)
    {
        var first = group.Files[0];
        var at = new LocationInfo(first.Path, new TextSpan(0, 0), new LinePositionSpan(default, default));
        string? reason = null;
        if (!EventsOptionsParser.IsIdentifier(group.TypeName))
        {
            reason = $"LambdaEventType '{group.TypeName}' of sample '{first.FileName}' is not a C# identifier, so no type is inferred; use a name such as '{Identifiers.Pascal(group.TypeName)}'";
        }
        else if (group.TypeName.All(static c => c is >= 'a' and <= 'z'))
        {
            reason = $"LambdaEventType '{group.TypeName}' of sample '{first.FileName}' is all lower-case, which C# reserves for keywords, so no type is inferred; use '{Identifiers.Pascal(group.TypeName)}'";
        }
        else if (EventCatalog.TopLevelNames.Contains(group.TypeName) || ReservedTypeNames.Contains(group.TypeName))
        {
            reason = $"LambdaEventType '{group.TypeName}' of sample '{first.FileName}' is the name of a generated catalog type, so no type is inferred; choose another name";
        }

        return reason is null ? null : GeneratorProblem.Create(GeneratorDiagnostics.InvalidEventTypeName, at, reason);
    }

    private enum NumberKind
    {
        Int32,
        Int64,
        Decimal,
        Double,
    }

    /// <summary>What the samples hold at one path, merged.</summary>
    private sealed class Shape
    {
        public SampleKind? Kind;
        public string? FirstFile;
        public bool Conflict;
        public bool SeenNull;
        public NumberKind Number;
        public bool AllTimes = true;
        public int Instances;
        public readonly List<string> Order = new();
        public readonly Dictionary<string, (Shape Shape, int Present)> Properties = new(StringComparer.Ordinal);
        public Shape? Item;
    }

    private static void Merge(Shape shape, SampleNode node, SampleFile file, string path, string typeName, ImmutableArray<GeneratorProblem>.Builder problems)
    {
        if (node.Kind == SampleKind.Null)
        {
            shape.SeenNull = true;
            return;
        }

        if (shape.Conflict)
        {
            return;
        }

        if (shape.Kind is null)
        {
            shape.Kind = node.Kind;
            shape.FirstFile = file.FileName;
        }
        else if (shape.Kind != node.Kind)
        {
            shape.Conflict = true;
            problems.Add(GeneratorProblem.Create(
                GeneratorDiagnostics.ConflictingSampleEvents,
                node.Location,
                typeName,
                path,
                $"'{shape.FirstFile}' has {SampleParser.Describe(shape.Kind.Value)} there and '{file.FileName}' has {SampleParser.Describe(node.Kind)}"));
            return;
        }

        switch (node.Kind)
        {
            case SampleKind.Number:
                var number = Classify(node.Text!);
                shape.Number = number > shape.Number ? number : shape.Number;
                break;
            case SampleKind.String:
                shape.AllTimes &= IsTime(node.Text!);
                break;
            case SampleKind.Object:
                shape.Instances++;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in node.Members)
                {
                    if (!shape.Properties.TryGetValue(member.Name, out var property))
                    {
                        property = (new Shape(), 0);
                        shape.Order.Add(member.Name);
                    }

                    shape.Properties[member.Name] = (property.Shape, property.Present + (seen.Add(member.Name) ? 1 : 0));
                    Merge(property.Shape, member.Value, file, path + "." + member.Name, typeName, problems);
                }

                break;
            case SampleKind.Array:
                shape.Item ??= new Shape();
                foreach (var item in node.Items)
                {
                    Merge(shape.Item, item, file, path + "[]", typeName, problems);
                }

                break;
        }
    }

    private static NumberKind Classify(string text)
    {
        if (text.IndexOfAny(new[] { 'e', 'E' }) >= 0)
        {
            return NumberKind.Double;
        }

        if (text.IndexOf('.') >= 0)
        {
            // decimal keeps what a money or quantity value means exactly, as far as its 28 digits reach.
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && text.Count(char.IsDigit) <= 28
                ? NumberKind.Decimal
                : NumberKind.Double;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole is >= int.MinValue and <= int.MaxValue ? NumberKind.Int32 : NumberKind.Int64;
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? NumberKind.Decimal : NumberKind.Double;
    }

    private static bool IsTime(string text) =>
        IsoTime.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The class for an object shape, and the classes of the objects it holds (depth first, in order of first appearance).</summary>
    private static void Build(Shape shape, string name, string summary, HashSet<string> taken, List<EventType> types)
    {
        var propertyNames = new HashSet<string>(ObjectMembers, StringComparer.Ordinal) { name };
        var properties = ImmutableArray.CreateBuilder<EventProperty>();
        var nested = new List<(Shape Shape, string Name, string Summary)>();
        foreach (var key in shape.Order)
        {
            var (property, present) = shape.Properties[key];
            var pascal = Identifiers.Pascal(key);
            var propertyName = Identifiers.Unique(propertyNames.Contains(pascal) ? pascal + "Value" : pascal, propertyNames);
            var type = TypeOf(property, name, pascal, key, taken, nested);
            var required = present == shape.Instances && !property.SeenNull && !property.Conflict && property.Kind is not null;
            properties.Add(new EventProperty(propertyName, key, type, required, Identifiers.Xml($"\"{key}\" in the samples.")));
        }

        types.Add(new EventType(
            name,
            null,
            TypeForm.Sealed,
            EquatableArray<string>.Empty,
            EquatableArray<string>.Empty,
            null,
            EquatableArray<WireType>.Empty,
            null,
            new EquatableArray<EventProperty>(properties.ToImmutable()),
            EquatableArray<EventProperty>.Empty,
            summary,
            null,
            null));
        foreach (var (child, childName, childSummary) in nested)
        {
            Build(child, childName, childSummary, taken, types);
        }
    }

    private static WireType TypeOf(Shape shape, string owner, string pascal, string key, HashSet<string> taken, List<(Shape, string, string)> nested)
    {
        if (shape.Conflict || shape.Kind is null)
        {
            return new WireType(WireKind.Element);
        }

        switch (shape.Kind.Value)
        {
            case SampleKind.String:
                return new WireType(shape.AllTimes ? WireKind.DateTimeOffset : WireKind.String);
            case SampleKind.Boolean:
                return new WireType(WireKind.Boolean);
            case SampleKind.Number:
                return new WireType(shape.Number switch
                {
                    NumberKind.Int32 => WireKind.Int32,
                    NumberKind.Int64 => WireKind.Int64,
                    NumberKind.Decimal => WireKind.Decimal,
                    _ => WireKind.Double,
                });
            case SampleKind.Object:
                var objectName = Identifiers.Unique(owner + pascal, taken);
                nested.Add((shape, objectName, Identifiers.Xml($"The \"{key}\" object of {owner}.")));
                return new WireType(WireKind.Object, objectName);
            default:
                var item = shape.Item is null ? new WireType(WireKind.Element) : TypeOf(shape.Item, owner, Identifiers.Singular(pascal), key, taken, nested);
                return new WireType(WireKind.Array, Element: item, Collection: CollectionKind.List);
        }
    }
}
