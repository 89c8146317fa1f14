using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// ASP.NET Core types that say which code of an app serves a request, resolved by metadata name once
/// per compilation: controllers (<c>ControllerBase</c>), minimal-API endpoints and middleware (the
/// <c>Map…</c>, <c>Use</c> and <c>Run</c> extensions taking a request delegate). All null in projects
/// without ASP.NET Core, or while its reference is not restored: nothing is concluded then.
/// </summary>
internal sealed class AspNetCoreTypes
{
    private static readonly string[] EndpointExtensionTypeNames =
    {
        "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions",
        "Microsoft.AspNetCore.Builder.FallbackEndpointRouteBuilderExtensions",
        "Microsoft.AspNetCore.Builder.UseExtensions",
        "Microsoft.AspNetCore.Builder.RunExtensions",
    };

    private AspNetCoreTypes(Compilation compilation)
    {
        ControllerBase = WellKnownTypes.Find(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        NonActionAttribute = WellKnownTypes.Find(compilation, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
        HttpContext = WellKnownTypes.Find(compilation, "Microsoft.AspNetCore.Http.HttpContext");
        Delegate = WellKnownTypes.Find(compilation, "System.Delegate");
        var extensions = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in EndpointExtensionTypeNames)
        {
            if (WellKnownTypes.Find(compilation, name) is { } type)
            {
                extensions.Add(type);
            }
        }

        EndpointExtensions = extensions.ToImmutable();
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in EndpointExtensions)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && RequestDelegateParameter(method) >= 0)
                {
                    names.Add(method.Name);
                }
            }
        }

        EndpointMethodNames = names;
    }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? NonActionAttribute { get; }

    public INamedTypeSymbol? HttpContext { get; }

    private INamedTypeSymbol? Delegate { get; }

    /// <summary>The static classes declaring <c>MapGet</c>, <c>MapPost</c>, …, <c>MapFallback</c>, <c>Use</c> and <c>Run</c>.</summary>
    public ImmutableArray<INamedTypeSymbol> EndpointExtensions { get; }

    /// <summary>The names of their methods that take a request delegate, so a scan of the source binds only calls that may be one.</summary>
    public ISet<string> EndpointMethodNames { get; }

    public static AspNetCoreTypes From(Compilation compilation) => new(compilation);

    /// <summary>
    /// The argument of <paramref name="method"/> that ASP.NET Core runs per request (a minimal-API
    /// handler, a middleware or terminal delegate), or -1 when <paramref name="method"/> is not one of
    /// the endpoint extensions. Delegates that configure the pipeline at start-up (<c>Action&lt;IApplicationBuilder&gt;</c>)
    /// are not per-request code.
    /// </summary>
    public int RequestDelegateParameter(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var found = false;
        foreach (var type in EndpointExtensions)
        {
            found |= SymbolEqualityComparer.Default.Equals(definition.ContainingType, type);
        }

        if (!found)
        {
            return -1;
        }

        var parameters = method.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].Type;
            if (TypeChecks.Is(type, Delegate)
                || (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { Parameters.Length: > 0 } invoke }
                    && TypeChecks.Is(invoke.Parameters[0].Type, HttpContext)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A controller action: a public instance method of a concrete class deriving from
    /// <c>ControllerBase</c>, not marked <c>[NonAction]</c>. ASP.NET Core creates the controller per request.
    /// </summary>
    public bool IsControllerAction(IMethodSymbol method)
    {
        if (ControllerBase is null
            || method.MethodKind != MethodKind.Ordinary
            || method.IsStatic
            || method.IsAbstract
            || method.IsGenericMethod
            || method.DeclaredAccessibility != Accessibility.Public
            || method.ContainingType is not { TypeKind: TypeKind.Class, IsAbstract: false } type
            || !TypeChecks.InheritsFrom(type, ControllerBase))
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (TypeChecks.Is(attribute.AttributeClass, NonActionAttribute))
            {
                return false;
            }
        }

        return true;
    }
}
