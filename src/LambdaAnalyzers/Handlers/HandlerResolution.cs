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
        string? closestMatch = null,
        ImmutableArray<IMethodSymbol> candidates = default,
        string? assembly = null)
    {
        Assembly = assembly;
        Kind = kind;
        Type = type;
        Method = method;
        ClosestMatch = closestMatch;
        Candidates = candidates.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : candidates;
    }

    public HandlerResolutionKind Kind { get; }

    /// <summary>The handler type when it was found.</summary>
    public INamedTypeSymbol? Type { get; }

    /// <summary>The handler method when exactly one was found.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>For a type or method that does not exist, the nearest existing name.</summary>
    public string? ClosestMatch { get; }

    /// <summary>For <see cref="HandlerResolutionKind.WrongAssembly"/>: the assembly this project builds, where the type and method are.</summary>
    public string? Assembly { get; }

    /// <summary>For an ambiguous name, every method of the type that shares it.</summary>
    public ImmutableArray<IMethodSymbol> Candidates { get; }

    public static HandlerResolution NotOurs { get; } = new(HandlerResolutionKind.NotOurs);

    public static HandlerResolution InvalidFormat { get; } = new(HandlerResolutionKind.InvalidFormat);

    public static HandlerResolution TypeNotFound(string? closest) => new(HandlerResolutionKind.TypeNotFound, closestMatch: closest);

    public static HandlerResolution MethodNotFound(INamedTypeSymbol type, string? closest) =>
        new(HandlerResolutionKind.MethodNotFound, type, closestMatch: closest);

    public static HandlerResolution Ambiguous(INamedTypeSymbol type, ImmutableArray<IMethodSymbol> candidates) =>
        new(HandlerResolutionKind.Ambiguous, type, candidates: candidates);

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
    Found,

    /// <summary>
    /// The function's code is this project and the type and method exist here, but the string names
    /// another assembly that the project neither builds nor references (a renamed project): the runtime
    /// cannot load it. <see cref="HandlerResolution.Method"/> is the method the string means.
    /// </summary>
    WrongAssembly,
}
