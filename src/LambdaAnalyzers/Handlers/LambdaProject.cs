using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Whether a project can hold Lambda handlers at all, decided from cheap facts before any rule builds a
/// model: every way <see cref="HandlerModel"/> finds a handler needs one of them. A handler is named by a
/// configuration file (one is among the AdditionalFiles), marked <c>[LambdaHandler]</c> or
/// <c>[LambdaFunction]</c>, given to a bootstrap builder or <c>LambdaRuntime</c>, run by ASP.NET Core
/// Lambda hosting or an AspNetCoreServer function, or inferred (which needs <c>ILambdaContext</c> or the
/// AWS tooling's <c>AWSProjectType=Lambda</c>). A project with none of these (a shared library, a test
/// project, a web app) gets no handler, lifecycle or serialization analysis: every rule returns at
/// compilation start, and no model is built.
/// </summary>
internal sealed class LambdaProject
{
    private static readonly CompilationCache<LambdaProject> Cache = new(static (compilation, options, _) => new LambdaProject(
        LambdaConfigFiles.HasConfigFiles(options.AdditionalFiles), SeesLambda(compilation, options)));

    private LambdaProject(bool hasConfigFiles, bool hasOwnSignals)
    {
        MayHoldHandlers = hasConfigFiles || hasOwnSignals;
        HasOwnSignals = hasOwnSignals;
    }

    public bool MayHoldHandlers { get; }

    /// <summary>
    /// The project itself says it is a function's: it sees one of Lambda's types listed in the summary, or sets
    /// <c>AWSProjectType=Lambda</c>. A configuration file among the AdditionalFiles does not say it alone: the package
    /// finds the repository's files for every project, a console tool beside the functions included.
    /// </summary>
    public bool HasOwnSignals { get; }

    /// <summary>The project can hold handlers (see the type's summary); decided once per compilation.</summary>
    public static bool CanHoldHandlers(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        For(compilation, options, cancellationToken).MayHoldHandlers;

    /// <summary>What the compilation's project is, decided once per compilation.</summary>
    public static LambdaProject For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Cache.Get(compilation, options, cancellationToken);

    private static bool SeesLambda(Compilation compilation, AnalyzerOptions options)
    {
        var types = WellKnownTypes.For(compilation).Lambda;
        return types.ILambdaContext is not null
            || types.LambdaHandlerAttribute is not null
            || types.LambdaFunctionAttribute is not null
            || types.LambdaBootstrapBuilder is not null
            || types.LambdaRuntime is not null
            || types.LambdaEventSource is not null
            || types.AbstractAspNetCoreFunction is not null
            || ProjectFacts.Read(compilation, options.AnalyzerConfigOptionsProvider).IsAwsLambdaProject;
    }
}
