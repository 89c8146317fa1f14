using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// Classifies one type the way one serializer does: which types it refuses, which it treats as
/// collections or dictionaries, which members of an object it writes and sets, and how it creates
/// the object when reading.
/// </summary>
internal static class TypeShapes
{
    public static TypeShape Classify(ITypeSymbol type, SerializerProfile profile, SerializationTypes types)
    {
        switch (type)
        {
            case ITypeParameterSymbol:
                return Unsupported(ProblemKind.OpenGeneric);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return Unsupported(ProblemKind.Pointer);
            case IArrayTypeSymbol array:
                return array.ElementType.SpecialType == SpecialType.System_Byte
                    ? TypeShape.LeafShape
                    : new TypeShape(ShapeKind.Collection) { Element = array.ElementType };
            case INamedTypeSymbol named:
                return ClassifyNamed(named, profile, types);
            default:
                return TypeShape.LeafShape;
        }
    }

    private static TypeShape ClassifyNamed(INamedTypeSymbol type, SerializerProfile profile, SerializationTypes types)
    {
        var stj = profile.IsSystemTextJson;
        if (type.TypeKind == TypeKind.Error)
        {
            // Not bound (a package not restored, a typo being fixed): nothing is known about it.
            return TypeShape.LeafShape;
        }

        if (type.IsRefLikeType)
        {
            return Unsupported(ProblemKind.RefStruct);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return stj ? Unsupported(ProblemKind.NativeInteger) : TypeShape.LeafShape;
            case SpecialType.System_Object or SpecialType.System_String or SpecialType.System_Decimal or SpecialType.System_DateTime:
                return TypeShape.LeafShape;
        }

        if (type.SpecialType != SpecialType.None && type.IsValueType || type.TypeKind == TypeKind.Enum)
        {
            return TypeShape.LeafShape;
        }

        if (SerializationTypes.Same(type.OriginalDefinition, types.Nullable))
        {
            return new TypeShape(ShapeKind.Wrapper) { Element = type.TypeArguments[0] };
        }

        if (HasTypeConverter(type, profile, types))
        {
            return TypeShape.LeafShape;
        }

        if (type.TypeKind == TypeKind.Delegate || SerializationTypes.DerivesFrom(type, types.Delegate))
        {
            return Unsupported(ProblemKind.Delegate);
        }

        if (IsReflectionType(type, types, stj))
        {
            return Unsupported(ProblemKind.ReflectionType);
        }

        if (SerializationTypes.DerivesFrom(type, types.MemoryStream))
        {
            // Lambda's System.Text.Json serializers write a MemoryStream as a base64 string and read
            // it back. The Newtonsoft one converts MemoryStream members of AWS event types only, and
            // only when reading (the walker leaves those alone): in the user's types it is a Stream.
            return stj ? TypeShape.LeafShape : Unsupported(ProblemKind.MemoryStreamWithoutConverter);
        }

        if (SerializationTypes.DerivesFrom(type, types.Stream))
        {
            return Unsupported(ProblemKind.NonMemoryStream);
        }

        if (SerializationTypes.DerivesFrom(type, types.ConstantClass))
        {
            // AWS SDK enumerations: Lambda's serializers write and read them as their string value.
            return TypeShape.LeafShape;
        }

        if (DictionaryOf(type, types) is { } dictionary)
        {
            return new TypeShape(ShapeKind.Dictionary)
            {
                Element = dictionary.Value,
                Problem = stj && dictionary.Key is { } key && !IsSupportedKey(key, types) ? ProblemKind.UnsupportedDictionaryKey : null,
            };
        }

        if (ElementOf(type, types) is { } element)
        {
            return new TypeShape(ShapeKind.Collection) { Element = element };
        }

        var isSource = IsInSource(type);
        if (!isSource && IsFrameworkType(type))
        {
            // Framework values (Guid, DateTimeOffset, Uri, JsonElement, ...) have built-in converters.
            return TypeShape.LeafShape;
        }

        return ClassifyObject(type, profile, types, isSource);
    }

    /// <summary>
    /// For each member, the earlier member whose JSON name it shares ignoring case, or null: Lambda's System.Text.Json
    /// serializers match names case-insensitively, so such names collide whatever the naming policy. Members the
    /// serializer neither writes nor sets (skipped fields among them), and uncertain ones, take part in no collision.
    /// </summary>
    private static ImmutableArray<SerializedMember?> Collisions(ImmutableArray<SerializedMember> members)
    {
        var collisions = ImmutableArray.CreateBuilder<SerializedMember?>(members.Length);
        Dictionary<string, SerializedMember>? names = null;
        foreach (var member in members)
        {
            SerializedMember? earlier = null;
            if (!member.IsUncertain && !(member.IsField && !member.IsWritten) && (member.IsWritten || member.IsSettable))
            {
                names ??= new Dictionary<string, SerializedMember>(StringComparer.OrdinalIgnoreCase);
                if (!names.TryGetValue(member.JsonName, out earlier))
                {
                    names.Add(member.JsonName, member);
                }
            }

            collisions.Add(earlier);
        }

        return collisions.MoveToImmutable();
    }

    private static TypeShape ClassifyObject(INamedTypeSymbol type, SerializerProfile profile, SerializationTypes types, bool isSource)
    {
        var stj = profile.IsSystemTextJson;
        var members = Members(type, profile, types);
        var derived = ImmutableArray.CreateBuilder<ITypeSymbol>();
        var polymorphic = false;
        if (stj)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (SerializationTypes.Same(attribute.AttributeClass, types.StjPolymorphic))
                {
                    polymorphic = true;
                }
                else if (SerializationTypes.Same(attribute.AttributeClass, types.StjDerivedType))
                {
                    polymorphic = true;
                    if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol derivedType)
                    {
                        derived.Add(derivedType);
                    }
                }
            }
        }

        var isAbstract = type.TypeKind == TypeKind.Interface || (type.IsAbstract && type.TypeKind == TypeKind.Class);
        var creation = ImmutableArray<SerializationProblem>.Empty;
        var parameters = NameSet.Empty;
        if (!isAbstract && type.TypeKind == TypeKind.Class)
        {
            (creation, parameters) = Creation(type, members, profile, types);
        }

        return new TypeShape(ShapeKind.Object)
        {
            Members = members,
            CollidesWith = stj ? Collisions(members) : ImmutableArray<SerializedMember?>.Empty,
            DerivedTypes = derived.ToImmutable(),
            IsAbstract = isAbstract,
            IsPolymorphic = polymorphic,
            CreationProblems = creation,
            ConstructorParameters = parameters,
            IsSource = isSource,
            IsIncomplete = IsIncomplete(type),
        };
    }

    /// <summary>A base type, interface or attribute of <paramref name="type"/> does not resolve.</summary>
    private static bool IsIncomplete(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error || SerializationTypes.HasUnresolvedAttribute(current))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The constructor the serializer picks to create <paramref name="type"/>, and what goes wrong with it.</summary>
    private static (ImmutableArray<SerializationProblem> Problems, NameSet Parameters) Creation(
        INamedTypeSymbol type, ImmutableArray<SerializedMember> members, SerializerProfile profile, SerializationTypes types)
    {
        var marker = profile.IsSystemTextJson ? types.StjConstructor : types.NewtonsoftConstructor;
        IMethodSymbol? chosen = null;
        IMethodSymbol? parameterless = null;
        var publicCount = 0;
        IMethodSymbol? singlePublic = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (SerializationTypes.Has(constructor, marker))
            {
                chosen = constructor;
                break;
            }

            if (constructor.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            publicCount++;
            singlePublic = constructor;
            if (constructor.Parameters.Length == 0)
            {
                parameterless = constructor;
            }
        }

        chosen ??= parameterless ?? (publicCount == 1 ? singlePublic : null);
        if (chosen is null)
        {
            var kind = publicCount > 1 ? ProblemKind.SeveralConstructors : ProblemKind.NoUsableConstructor;
            return (ImmutableArray.Create(new SerializationProblem(kind, string.Empty, type)), NameSet.Empty);
        }

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
        var problems = ImmutableArray<SerializationProblem>.Empty;
        foreach (var parameter in chosen.Parameters)
        {
            names.Add(parameter.Name);

            // Newtonsoft passes a default for a parameter it cannot match; System.Text.Json refuses the type.
            if (profile.IsSystemTextJson && !BindsToMember(parameter, members))
            {
                problems = problems.Add(new SerializationProblem(ProblemKind.UnboundConstructorParameter, string.Empty, type, parameter.Name));
            }
        }

        return (problems, new NameSet(names.ToImmutable()));
    }

    private static bool BindsToMember(IParameterSymbol parameter, ImmutableArray<SerializedMember> members)
    {
        foreach (var member in members)
        {
            if ((member.IsWritten || member.IsSettable || member.IsUncertain)
                && string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                && (SymbolEqualityComparer.Default.Equals(member.Type, parameter.Type)
                    || member.Type.TypeKind == TypeKind.Error || parameter.Type.TypeKind == TypeKind.Error))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<SerializedMember> Members(INamedTypeSymbol type, SerializerProfile profile, SerializationTypes types)
    {
        var members = ImmutableArray.CreateBuilder<SerializedMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in Containers(type))
        {
            foreach (var symbol in container.GetMembers())
            {
                if (symbol.IsStatic || symbol.IsImplicitlyDeclared || symbol is not (IPropertySymbol or IFieldSymbol) || !seen.Add(symbol.Name))
                {
                    // A member hidden with 'new' is serialized once, as the most derived declaration.
                    continue;
                }

                if (symbol is IPropertySymbol property)
                {
                    if (property.IsIndexer || !property.ExplicitInterfaceImplementations.IsEmpty)
                    {
                        continue;
                    }

                    if (Member(property, property.Type, profile, types) is { } member)
                    {
                        members.Add(member);
                    }
                }
                else if (symbol is IFieldSymbol { IsConst: false } field && field.AssociatedSymbol is null)
                {
                    if (Member(field, field.Type, profile, types) is { } member)
                    {
                        members.Add(member);
                    }
                }
            }
        }

        return members.ToImmutable();
    }

    private static SerializedMember? Member(ISymbol symbol, ITypeSymbol type, SerializerProfile profile, SerializationTypes types)
    {
        var stj = profile.IsSystemTextJson;
        if (IsIgnored(symbol, profile, types))
        {
            return null;
        }

        var included = SerializationTypes.Has(symbol, stj ? types.StjInclude : types.NewtonsoftProperty);
        if (symbol.DeclaredAccessibility != Accessibility.Public && !included)
        {
            return null;
        }

        var hasConverter = SerializationTypes.Has(symbol, stj ? types.StjConverter : types.NewtonsoftConverter);
        var name = JsonName(symbol, profile, types);
        var uncertain = SerializationTypes.HasUnresolvedAttribute(symbol);
        if (symbol is IPropertySymbol property)
        {
            var written = property.GetMethod is { } getter && (getter.DeclaredAccessibility == Accessibility.Public || included);
            var settable = property.SetMethod is { } setter && (setter.DeclaredAccessibility == Accessibility.Public || included);
            return new SerializedMember(symbol, type, name, written, settable, hasConverter, isField: false, AutoProperty.Is(property), uncertain);
        }

        var field = (IFieldSymbol)symbol;
        var serialized = !stj || included || profile.IncludeFields;
        return new SerializedMember(symbol, type, name, serialized, serialized && !field.IsReadOnly, hasConverter, isField: true, isAutoProperty: false, uncertain);
    }

    private static bool IsIgnored(ISymbol symbol, SerializerProfile profile, SerializationTypes types)
    {
        if (!profile.IsSystemTextJson)
        {
            return SerializationTypes.Has(symbol, types.NewtonsoftIgnore);
        }

        if (SerializationTypes.Find(symbol, types.StjIgnore) is not { } ignore)
        {
            return false;
        }

        // Only JsonIgnoreCondition.Always (the default) drops the member in both directions.
        foreach (var argument in ignore.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int condition)
            {
                return condition == 1;
            }
        }

        return true;
    }

    private static string JsonName(ISymbol symbol, SerializerProfile profile, SerializationTypes types)
    {
        var attribute = SerializationTypes.Find(symbol, profile.IsSystemTextJson ? types.StjPropertyName : types.NewtonsoftProperty);
        if (attribute is not null)
        {
            if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "PropertyName" && argument.Value.Value is string named)
                {
                    return named;
                }
            }
        }

        return symbol.Name;
    }

    /// <summary>The type and what it inherits members from: base classes, or for an interface its base interfaces.</summary>
    private static IEnumerable<INamedTypeSymbol> Containers(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            yield return type;
            foreach (var inherited in type.AllInterfaces)
            {
                yield return inherited;
            }

            yield break;
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            yield return current;
        }
    }

    private static bool HasTypeConverter(INamedTypeSymbol type, SerializerProfile profile, SerializationTypes types)
    {
        if (SerializationTypes.Has(type, profile.IsSystemTextJson ? types.StjConverter : types.NewtonsoftConverter))
        {
            return true;
        }

        foreach (var converted in profile.ConvertedTypes)
        {
            if (SerializationTypes.Same(converted, type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReflectionType(INamedTypeSymbol type, SerializationTypes types, bool stj)
    {
        if (SerializationTypes.DerivesFrom(type, types.Type))
        {
            // Newtonsoft writes a Type as its assembly-qualified name.
            return stj;
        }

        return SerializationTypes.DerivesFrom(type, types.MemberInfo)
            || SerializationTypes.DerivesFrom(type, types.Assembly)
            || SerializationTypes.DerivesFrom(type, types.Module)
            || SerializationTypes.DerivesFrom(type, types.ParameterInfo);
    }

    private static (ITypeSymbol? Key, ITypeSymbol Value)? DictionaryOf(INamedTypeSymbol type, SerializationTypes types)
    {
        if (GenericDictionary(type, types) is { } own)
        {
            return own;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (GenericDictionary(implemented, types) is { } found)
            {
                return found;
            }
        }

        if (SerializationTypes.Same(type, types.IDictionary) || ImplementsExactly(type, types.IDictionary))
        {
            return (null, types.Object);
        }

        return null;
    }

    private static (ITypeSymbol? Key, ITypeSymbol Value)? GenericDictionary(INamedTypeSymbol type, SerializationTypes types)
    {
        var definition = type.OriginalDefinition;
        return SerializationTypes.Same(definition, types.IDictionaryOfKV) || SerializationTypes.Same(definition, types.IReadOnlyDictionaryOfKV)
            ? (type.TypeArguments[0], type.TypeArguments[1])
            : null;
    }

    private static ITypeSymbol? ElementOf(INamedTypeSymbol type, SerializationTypes types)
    {
        if (SerializationTypes.Same(type.OriginalDefinition, types.IEnumerableOfT))
        {
            return type.TypeArguments[0];
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SerializationTypes.Same(implemented.OriginalDefinition, types.IEnumerableOfT))
            {
                return implemented.TypeArguments[0];
            }
        }

        // A non-generic collection holds objects, which are written by their runtime type.
        return SerializationTypes.Same(type, types.IEnumerable) || ImplementsExactly(type, types.IEnumerable) ? types.Object : null;
    }

    private static bool ImplementsExactly(INamedTypeSymbol type, INamedTypeSymbol? contract)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (SerializationTypes.Same(implemented, contract))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSupportedKey(ITypeSymbol key, SerializationTypes types)
    {
        if (key.SpecialType is SpecialType.System_String or SpecialType.System_Object or SpecialType.System_DateTime or SpecialType.System_Decimal
            || key.TypeKind == TypeKind.Enum
            || (key.SpecialType != SpecialType.None && key.IsValueType))
        {
            return true;
        }

        return SerializationTypes.Same(key, types.Guid) || SerializationTypes.Same(key, types.DateTimeOffset)
            || SerializationTypes.Same(key, types.TimeSpan) || SerializationTypes.Same(key, types.DateOnly)
            || SerializationTypes.Same(key, types.TimeOnly) || SerializationTypes.Same(key, types.Version)
            || SerializationTypes.Same(key, types.Uri);
    }

    private static bool IsInSource(INamedTypeSymbol type)
    {
        foreach (var location in type.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root is { Name: "System" or "Microsoft" };
    }

    private static TypeShape Unsupported(ProblemKind problem) => new(ShapeKind.Unsupported) { Problem = problem };
}
