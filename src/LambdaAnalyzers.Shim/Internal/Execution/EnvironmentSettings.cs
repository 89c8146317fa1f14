using System;
using System.Collections.Generic;
using System.IO;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>Settings every environment of one shim shares.</summary>
internal sealed class EnvironmentSettings
{
    public required FunctionSpec Function { get; init; }

    public required TimeSpan InitTimeout { get; init; }

    public required bool Freeze { get; init; }

    public required int EphemeralStorageMB { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required bool EnforceMemoryLimit { get; init; }

    public required TimeProvider Clock { get; init; }

    /// <summary>The real time disposal gives the graceful shutdown (<c>LambdaShimOptions.DisposalBound</c>).</summary>
    public TimeSpan DisposalBound { get; init; } = TimeSpan.FromSeconds(30);

    public required string WorkingDirectory { get; init; }

    public TextWriter? LogOutput { get; init; }

    public Action<int, int>? RuntimeStarted { get; init; }

    /// <summary>The function's layers (full paths, checked), merged in this order into each environment's own <c>/opt</c> view.</summary>
    public IReadOnlyList<string> Layers { get; init; } = Array.Empty<string>();

    /// <summary>Where every environment's lifecycle events go (<see cref="LambdaShim.Lifecycle"/>).</summary>
    public LambdaLifecycleFeed Feed { get; init; } = new();
}
