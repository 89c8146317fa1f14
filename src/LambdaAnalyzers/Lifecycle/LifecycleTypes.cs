using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Framework and library types the lifecycle rules (02xx) look for, resolved by metadata name once
/// per compilation. Any may be null when the project does not reference its assembly; the checks
/// needing it then stay silent.
/// </summary>
internal sealed class LifecycleTypes
{
    internal LifecycleTypes(Compilation compilation, LambdaTypes lambda, AwsSdkTypes sdk)
    {
        Lambda = lambda;
        Sdk = sdk;
        TaskAwaiter = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.TaskAwaiter");
        TaskAwaiterOfT = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.TaskAwaiter`1");
        ValueTaskAwaiterOfT = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        ValueTaskAwaiter = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter");
        ConfiguredTaskAwaitable = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
        ConfiguredTaskAwaitableOfT = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
        ConfiguredValueTaskAwaitable = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
        ConfiguredValueTaskAwaitableOfT = WellKnownTypes.Find(compilation, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        Lazy = WellKnownTypes.Find(compilation, "System.Lazy`1");
        ICollectionOfT = WellKnownTypes.Find(compilation, "System.Collections.Generic.ICollection`1");
        Enumerable = WellKnownTypes.Find(compilation, "System.Linq.Enumerable");
        AsyncLocal = WellKnownTypes.Find(compilation, "System.Threading.AsyncLocal`1");
        ThreadLocal = WellKnownTypes.Find(compilation, "System.Threading.ThreadLocal`1");
        CancellationToken = WellKnownTypes.Find(compilation, "System.Threading.CancellationToken");
        Environment = WellKnownTypes.Find(compilation, "System.Environment");
        Process = WellKnownTypes.Find(compilation, "System.Diagnostics.Process");
        File = WellKnownTypes.Find(compilation, "System.IO.File");
        Directory = WellKnownTypes.Find(compilation, "System.IO.Directory");
        Path = WellKnownTypes.Find(compilation, "System.IO.Path");
        AppContext = WellKnownTypes.Find(compilation, "System.AppContext");
        AppDomain = WellKnownTypes.Find(compilation, "System.AppDomain");
        FileStream = WellKnownTypes.Find(compilation, "System.IO.FileStream");
        StreamWriter = WellKnownTypes.Find(compilation, "System.IO.StreamWriter");
        FileMode = WellKnownTypes.Find(compilation, "System.IO.FileMode");
        FileAccess = WellKnownTypes.Find(compilation, "System.IO.FileAccess");
        Thread = WellKnownTypes.Find(compilation, "System.Threading.Thread");
        ThreadingTimer = WellKnownTypes.Find(compilation, "System.Threading.Timer");
        TimersTimer = WellKnownTypes.Find(compilation, "System.Timers.Timer");
        PeriodicTimer = WellKnownTypes.Find(compilation, "System.Threading.PeriodicTimer");
        TaskFactory = WellKnownTypes.Find(compilation, "System.Threading.Tasks.TaskFactory");
        HttpClient = WellKnownTypes.Find(compilation, "System.Net.Http.HttpClient");
        HttpMessageHandler = WellKnownTypes.Find(compilation, "System.Net.Http.HttpMessageHandler");
        IHttpClientFactory = WellKnownTypes.Find(compilation, "System.Net.Http.IHttpClientFactory");
        IDisposable = WellKnownTypes.Find(compilation, "System.IDisposable");
        LoggerFactory = WellKnownTypes.Find(compilation, "Microsoft.Extensions.Logging.LoggerFactory");
        ServiceProviderBuilding = WellKnownTypes.Find(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions");
        JsonSerializerOptions = WellKnownTypes.Find(compilation, "System.Text.Json.JsonSerializerOptions");
        IConfigurationBuilder = WellKnownTypes.Find(compilation, "Microsoft.Extensions.Configuration.IConfigurationBuilder");
        TplExtensions = WellKnownTypes.Find(compilation, "Microsoft.VisualStudio.Threading.TplExtensions");
        SafeFireAndForgetExtensions = WellKnownTypes.Find(compilation, "AsyncAwaitBestPractices.SafeFireAndForgetExtensions");
    }

    public LambdaTypes Lambda { get; }

    public AwsSdkTypes Sdk { get; }

    public INamedTypeSymbol? TaskAwaiter { get; }

    public INamedTypeSymbol? TaskAwaiterOfT { get; }

    public INamedTypeSymbol? ValueTaskAwaiter { get; }

    public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }

    public INamedTypeSymbol? ConfiguredTaskAwaitable { get; }

    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT { get; }

    public INamedTypeSymbol? ConfiguredValueTaskAwaitable { get; }

    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT { get; }

    public INamedTypeSymbol? Lazy { get; }

    public INamedTypeSymbol? ICollectionOfT { get; }

    /// <summary><c>System.Linq.Enumerable</c>: the LINQ operators over sequences.</summary>
    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? AsyncLocal { get; }

    public INamedTypeSymbol? ThreadLocal { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? Process { get; }

    public INamedTypeSymbol? File { get; }

    public INamedTypeSymbol? Directory { get; }

    public INamedTypeSymbol? Path { get; }

    public INamedTypeSymbol? AppContext { get; }

    public INamedTypeSymbol? AppDomain { get; }

    public INamedTypeSymbol? FileStream { get; }

    public INamedTypeSymbol? StreamWriter { get; }

    public INamedTypeSymbol? FileMode { get; }

    public INamedTypeSymbol? FileAccess { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? ThreadingTimer { get; }

    public INamedTypeSymbol? TimersTimer { get; }

    public INamedTypeSymbol? PeriodicTimer { get; }

    public INamedTypeSymbol? TaskFactory { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? HttpMessageHandler { get; }

    public INamedTypeSymbol? IHttpClientFactory { get; }

    public INamedTypeSymbol? IDisposable { get; }

    /// <summary><c>Microsoft.Extensions.Logging.LoggerFactory</c>: <c>new LoggerFactory(…)</c> and <c>LoggerFactory.Create(…)</c>.</summary>
    public INamedTypeSymbol? LoggerFactory { get; }

    /// <summary>Where <c>IServiceCollection.BuildServiceProvider()</c> is declared.</summary>
    public INamedTypeSymbol? ServiceProviderBuilding { get; }

    public INamedTypeSymbol? JsonSerializerOptions { get; }

    public INamedTypeSymbol? IConfigurationBuilder { get; }

    /// <summary>Microsoft.VisualStudio.Threading's task extensions (<c>Forget</c>: a task let go on purpose).</summary>
    public INamedTypeSymbol? TplExtensions { get; }

    /// <summary>AsyncAwaitBestPractices' <c>SafeFireAndForget</c> extensions.</summary>
    public INamedTypeSymbol? SafeFireAndForgetExtensions { get; }

    /// <summary>A task, or one of the awaitables <c>ConfigureAwait</c> returns.</summary>
    public bool IsTaskOrConfiguredAwaitable(ITypeSymbol? type) =>
        Awaitable.Of(type, Lambda).IsTask
        || TypeChecks.Is(type, ConfiguredTaskAwaitable)
        || TypeChecks.Is(type, ConfiguredValueTaskAwaitable)
        || TypeChecks.IsGeneric(type, ConfiguredTaskAwaitableOfT)
        || TypeChecks.IsGeneric(type, ConfiguredValueTaskAwaitableOfT);

    /// <summary>An awaiter whose <c>GetResult()</c> blocks: <c>TaskAwaiter</c>, <c>ValueTaskAwaiter</c>, their generic and configured forms.</summary>
    public bool IsTaskAwaiter(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (TypeChecks.Is(type, TaskAwaiter) || TypeChecks.IsGeneric(type, TaskAwaiterOfT) || TypeChecks.Is(type, ValueTaskAwaiter) || TypeChecks.IsGeneric(type, ValueTaskAwaiterOfT))
        {
            return true;
        }

        // ConfiguredTaskAwaitable.ConfiguredTaskAwaiter and friends are nested in the awaitables.
        var container = type.ContainingType?.OriginalDefinition;
        return container is not null
            && (TypeChecks.Is(container, ConfiguredTaskAwaitable) || TypeChecks.Is(container, ConfiguredTaskAwaitableOfT)
                || TypeChecks.Is(container, ConfiguredValueTaskAwaitable) || TypeChecks.Is(container, ConfiguredValueTaskAwaitableOfT));
    }
}
