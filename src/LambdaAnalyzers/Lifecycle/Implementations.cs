using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Which code an interface or virtual call runs, when the compilation says so for certain. A call
/// through an interface, abstract or virtual method <em>declared in this compilation</em> runs the one
/// body the compilation has for it when there is exactly one: one class implementing the interface
/// method (an <c>IOrderService</c> with its single <c>OrderService</c>, however it is injected), one
/// override of an abstract method, a virtual method nobody overrides. Nothing outside the compilation
/// can add another, since other assemblies cannot derive from its types without referencing it. With
/// two or more bodies, or a method declared elsewhere (<c>IAmazonS3</c>, <c>Stream</c>), the target is
/// chosen at run time and the walk stops. A receiver whose type is sealed names its body directly.
/// Built once per compilation, on the first such call.
/// </summary>
internal sealed class Implementations
{
    /// <summary>Each interface method or root virtual/abstract method (by definition) and the distinct bodies that run for it.</summary>
    private readonly Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> _bodies = new(SymbolEqualityComparer.Default);
    private readonly IAssemblySymbol _assembly;

    private Implementations(IAssemblySymbol assembly) => _assembly = assembly;

    public static Implementations Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var result = new Implementations(compilation.Assembly);
        foreach (var type in SourceTypes.All(compilation.Assembly, cancellationToken))
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } method)
                {
                    result.Add(Slot(method), method);
                }
                else if (member is IMethodSymbol { IsVirtual: true, IsOverride: false } @virtual && type.TypeKind != TypeKind.Interface)
                {
                    result.Add(@virtual, @virtual);
                }
            }

            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract || type.IsStatic)
            {
                continue;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                // Only this compilation's interfaces are ever asked about (see Single): a record's
                // IEquatable<T> or a class's IDisposable costs no lookups.
                if (!SymbolEqualityComparer.Default.Equals(@interface.ContainingAssembly, result._assembly))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary } interfaceMethod
                        && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation)
                    {
                        result.Add(interfaceMethod, implementation);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The one body a dispatched call to <paramref name="callee"/> runs, or null when it is not certain.
    /// <paramref name="receiverType"/> is the static type of the object called on, when known.
    /// </summary>
    public IMethodSymbol? Single(IMethodSymbol callee, ITypeSymbol? receiverType)
    {
        if (receiverType is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } exact && (exact.IsSealed || exact.TypeKind == TypeKind.Struct)
            && BodyOn(exact, callee) is { IsAbstract: false } direct)
        {
            return direct.OriginalDefinition;
        }

        var slot = callee.ContainingType.TypeKind == TypeKind.Interface ? callee.OriginalDefinition : Slot(callee);
        if (!SymbolEqualityComparer.Default.Equals(slot.ContainingAssembly, _assembly)
            || !_bodies.TryGetValue(slot, out var bodies)
            || bodies.Count != 1)
        {
            return null;
        }

        foreach (var body in bodies)
        {
            // An interface implemented by a virtual method: an override of it may be what runs.
            return callee.ContainingType.TypeKind == TypeKind.Interface
                && body.ContainingType.TypeKind != TypeKind.Interface
                && (body.IsVirtual || body.IsOverride || body.IsAbstract) && !body.IsSealed
                ? Single(body, receiverType: null)
                : body;
        }

        return null;
    }

    /// <summary>The root of an override chain: the virtual or abstract method every override of it answers to.</summary>
    private static IMethodSymbol Slot(IMethodSymbol method)
    {
        var root = method.OriginalDefinition;
        while (root.OverriddenMethod is { } overridden)
        {
            root = overridden.OriginalDefinition;
        }

        return root;
    }

    /// <summary>What a call to <paramref name="callee"/> runs on an object of exactly <paramref name="type"/>.</summary>
    private static IMethodSymbol? BodyOn(INamedTypeSymbol type, IMethodSymbol callee)
    {
        if (callee.ContainingType.TypeKind == TypeKind.Interface)
        {
            return type.FindImplementationForInterfaceMember(callee) as IMethodSymbol;
        }

        var slot = Slot(callee);
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(callee.Name))
            {
                if (member is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(Slot(method), slot))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private void Add(IMethodSymbol slot, IMethodSymbol body)
    {
        var key = slot.OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(key.ContainingAssembly, _assembly))
        {
            return; // an override of object.ToString, say: never asked about (see Single)
        }

        if (!_bodies.TryGetValue(key, out var bodies))
        {
            bodies = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            _bodies.Add(key, bodies);
        }

        bodies.Add(body.OriginalDefinition);
    }
}
