using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>What the managed runtime finds for a class-library handler string in this project.</summary>
internal sealed class HandlerResolution
{
    private HandlerResolution(
        HandlerResolutionKind kind,
        INamedTypeSymbol? type = null,
        IMethodSymbol? method = null,
        ImmutableArray<IMethodSymbol> candidates = default,
        string? assembly = null)
    {
        Assembly = assembly;
        Kind = kind;
        Type = type;
        Method = method;
        Candidates = candidates.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : candidates;
    }

    public HandlerResolutionKind Kind { get; }

    /// <summary>The handler type when it was found.</summary>
    public INamedTypeSymbol? Type { get; }

    /// <summary>The handler method when exactly one was found.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>For <see cref="HandlerResolutionKind.WrongAssembly"/>: the assembly this project builds, where the type and method are.</summary>
    public string? Assembly { get; }

    /// <summary>For an ambiguous name, every method of the type that shares it.</summary>
    public ImmutableArray<IMethodSymbol> Candidates { get; }

    public static HandlerResolution NotOurs { get; } = new(HandlerResolutionKind.NotOurs);

    public static HandlerResolution InvalidFormat { get; } = new(HandlerResolutionKind.InvalidFormat);

    /// <summary>No such type (<see cref="HandlerResolver.ClosestMatch"/> finds the nearest name when it is reported).</summary>
    public static HandlerResolution TypeNotFound { get; } = new(HandlerResolutionKind.TypeNotFound);

    /// <summary>The type has no such method (<see cref="HandlerResolver.ClosestMatch"/> finds the nearest name when it is reported).</summary>
    public static HandlerResolution MethodNotFound(INamedTypeSymbol type) => new(HandlerResolutionKind.MethodNotFound, type);

    public static HandlerResolution Ambiguous(INamedTypeSymbol type, ImmutableArray<IMethodSymbol> candidates) =>
        new(HandlerResolutionKind.Ambiguous, type, candidates: candidates);

    /// <summary>The type was found but part of what decides the method is not bound: nothing can be concluded.</summary>
    public static HandlerResolution Unseen(INamedTypeSymbol type) => new(HandlerResolutionKind.Unseen, type);

    public static HandlerResolution Found(INamedTypeSymbol type, IMethodSymbol method) => new(HandlerResolutionKind.Found, type, method);

    public static HandlerResolution WrongAssembly(INamedTypeSymbol type, IMethodSymbol method, string assembly) =>
        new(HandlerResolutionKind.WrongAssembly, type, method, assembly: assembly);
}

internal enum HandlerResolutionKind
{
    /// <summary>The string names another assembly (a vendor wrapper, another project): not ours to judge.</summary>
    NotOurs,
    InvalidFormat,
    TypeNotFound,
    MethodNotFound,
    /// <summary>Two or more methods share the name and the string does not give a signature.</summary>
    Ambiguous,
    /// <summary>The method may be declared where the compiler cannot see (an unbound base type, unbound parameter types).</summary>
    Unseen,
    Found,

    /// <summary>
    /// The function's code is this project and the type and method exist here, but the string names
    /// another assembly that the project neither builds nor references (a renamed project): the runtime
    /// cannot load it. <see cref="HandlerResolution.Method"/> is the method the string means.
    /// </summary>
    WrongAssembly,
}
