using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim;

/// <summary>
/// Every function of a template behind one Invoke API, as <c>sam local start-lambda</c> serves them: each
/// function is a <see cref="LambdaShim"/> of its own (its configuration, its environments), addressed by its
/// logical id or its <c>FunctionName</c>.
/// <code>await using var host = await LambdaShimHost.StartAsync(new LambdaShimOptions { CodePath = dir, EnableInvokeApi = true });
/// var orders = host["Orders"];</code>
/// </summary>
public sealed class LambdaShimHost : IAsyncDisposable
{
    private readonly List<LambdaShim> _functions;
    private InvokeApiServer? _invokeApi;

    private LambdaShimHost(List<LambdaShim> functions) => _functions = functions;

    /// <summary>The functions, in the template's order.</summary>
    public IReadOnlyList<LambdaShim> Functions => _functions;

    /// <summary>The Invoke API's base address, when enabled.</summary>
    public Uri? InvokeApiEndpoint => _invokeApi is null ? null : new Uri($"http://{_invokeApi.HostAndPort}");

    /// <summary>The function with this logical id or name.</summary>
    /// <exception cref="KeyNotFoundException">No such function.</exception>
    public LambdaShim this[string name] =>
        _functions.FirstOrDefault(f => f.Answers(name)) ?? throw new KeyNotFoundException($"No function '{name}'; there are {string.Join(", ", _functions.Select(f => f.LogicalId ?? f.FunctionName))}.");

    /// <summary>
    /// Starts every function the configuration declares (only <see cref="LambdaShimOptions.Function"/> when it is set;
    /// one function when the configuration declares none), and with <see cref="LambdaShimOptions.EnableInvokeApi"/> one
    /// Invoke API for all of them. <paramref name="options"/> apply to each function; <see cref="LambdaShimOptions.FunctionName"/>
    /// cannot rename several.
    /// </summary>
    public static async Task<LambdaShimHost> StartAsync(LambdaShimOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.Function is { } only ? new[] { only } : FunctionResolver.DeclaredNames(options);
        if (names.Count > 1 && options.FunctionName is not null)
        {
            throw new InvalidOperationException($"FunctionName names one function; the configuration declares {names.Count} ({string.Join(", ", names)}).");
        }

        var perFunction = names.Count == 0 ? new[] { options.For(null) } : names.Select(name => ForFunction(options, name, names.Count)).ToArray();
        var host = new LambdaShimHost(new List<LambdaShim>());
        try
        {
            foreach (var functionOptions in perFunction)
            {
                // One Invoke API for all, below; each function's own would be a port per function.
                functionOptions.EnableInvokeApi = false;
                host._functions.Add(await LambdaShim.StartAsync(functionOptions, cancellationToken).ConfigureAwait(false));
            }

            if (options.EnableInvokeApi)
            {
                host._invokeApi = await InvokeApiServer.StartAsync(host._functions, options.InvokeApiPort, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>Shuts every function's environments down.</summary>
    public async Task ShutdownAsync()
    {
        foreach (var function in _functions)
        {
            await function.ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the Invoke API and every function.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_invokeApi is not null)
        {
            await _invokeApi.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var function in _functions)
        {
            await function.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static LambdaShimOptions ForFunction(LambdaShimOptions options, string name, int count)
    {
        var copy = options.For(name);
        if (count > 1 && options.WorkingDirectory is { } shared)
        {
            // Environments of different functions never share a /tmp.
            copy.WorkingDirectory = Path.Combine(shared, name);
        }

        return copy;
    }
}
