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
    private LifecycleTypes(Compilation compilation, LambdaTypes lambda)
    {
        Lambda = lambda;
        Sdk = AwsSdkTypes.From(compilation);
        TaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter");
        TaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1");
        ValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        ValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter");
        ConfiguredTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
        ConfiguredTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
        ConfiguredValueTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
        ConfiguredValueTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        Lazy = compilation.GetTypeByMetadataName("System.Lazy`1");
        ICollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        AsyncLocal = compilation.GetTypeByMetadataName("System.Threading.AsyncLocal`1");
        ThreadLocal = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        Process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
        File = compilation.GetTypeByMetadataName("System.IO.File");
        Directory = compilation.GetTypeByMetadataName("System.IO.Directory");
        Path = compilation.GetTypeByMetadataName("System.IO.Path");
        AppContext = compilation.GetTypeByMetadataName("System.AppContext");
        AppDomain = compilation.GetTypeByMetadataName("System.AppDomain");
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
        PeriodicTimer = compilation.GetTypeByMetadataName("System.Threading.PeriodicTimer");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HttpMessageHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
        IHttpClientFactory = compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
        IDisposable = compilation.GetTypeByMetadataName("System.IDisposable");
        LoggerFactory = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerFactory");
        ServiceProviderBuilding = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions");
        JsonSerializerOptions = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializerOptions");
        IConfigurationBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfigurationBuilder");
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

    public static LifecycleTypes From(Compilation compilation, LambdaTypes lambda) => new(compilation, lambda);

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
