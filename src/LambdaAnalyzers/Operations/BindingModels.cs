using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Operations;

/// <summary>
/// The semantic models the rules bind code with outside the actions the analyzer driver hands them (a helper's body
/// reached from a handler, a literal LAM0211 looks at), one per tree of a compilation.
/// <para>
/// No rule reads nullability, and with <c>#nullable enable</c> a semantic model runs the nullable analysis of a
/// whole method body (and rewrites its bound tree) the first time anything in it is bound: work the rules never use
/// (about an eighth of what the lifecycle rules allocate on the benchmarks' synthetic repository). Compilers from Roslyn 4.9 on (the .NET 8.0.2xx SDK and later) make models that skip it
/// (<c>SemanticModelOptions.DisableNullableAnalysis</c>); the package builds against Roslyn 4.8, so that overload is
/// found by reflection, once, and without it the compilation's own model is used, as before 4.9. The models are
/// otherwise the same: the same symbols, the same operations, types without nullable annotations.
/// </para>
/// </summary>
internal sealed class BindingModels
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? WithoutNullableAnalysis = FindWithoutNullableAnalysis();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public BindingModels(Compilation compilation) => _compilation = compilation;

    /// <summary>The model of <paramref name="tree"/>, a tree of this compilation.</summary>
    public SemanticModel Of(SyntaxTree tree)
    {
        if (_models.TryGetValue(tree, out var model))
        {
            return model;
        }

        // The analyzer driver hands the compilation a caching semantic-model provider, so without the option this
        // returns the model the driver already built for that tree rather than a new one.
#pragma warning disable RS1030 // Declarations outside the analysed code are not given to its actions.
        model = WithoutNullableAnalysis?.Invoke(_compilation, tree) ?? _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        return _models.GetOrAdd(tree, model);
    }

    private static Func<Compilation, SyntaxTree, SemanticModel>? FindWithoutNullableAnalysis()
    {
        try
        {
            var method = typeof(Compilation).GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(static m =>
                m.Name == nameof(Compilation.GetSemanticModel)
                && m.GetParameters() is { Length: 2 } parameters
                && parameters[0].ParameterType == typeof(SyntaxTree)
                && parameters[1].ParameterType is { IsEnum: true, Name: "SemanticModelOptions" });
            if (method is null || !Enum.IsDefined(method.GetParameters()[1].ParameterType, "DisableNullableAnalysis"))
            {
                return null;
            }

            var option = Enum.Parse(method.GetParameters()[1].ParameterType, "DisableNullableAnalysis");
            return (compilation, tree) => (SemanticModel)method.Invoke(compilation, new[] { tree, option })!;
        }
        catch (Exception exception) when (exception is AmbiguousMatchException or ArgumentException or TargetInvocationException)
        {
            return null;
        }
    }
}
