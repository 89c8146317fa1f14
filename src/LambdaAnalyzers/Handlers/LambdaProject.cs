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
    private static readonly CompilationCache<LambdaProject> Cache = new(static (compilation, options, _) => new LambdaProject(Decide(compilation, options)));

    private LambdaProject(bool mayHoldHandlers) => MayHoldHandlers = mayHoldHandlers;

    public bool MayHoldHandlers { get; }

    /// <summary>The project can hold handlers (see the type's summary); decided once per compilation.</summary>
    public static bool CanHoldHandlers(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Cache.Get(compilation, options, cancellationToken).MayHoldHandlers;

    private static bool Decide(Compilation compilation, AnalyzerOptions options)
    {
        if (LambdaConfigFiles.HasConfigFiles(options.AdditionalFiles))
        {
            return true;
        }

        var types = LambdaTypes.From(compilation);
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
