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

    public required string WorkingDirectory { get; init; }

    public TextWriter? LogOutput { get; init; }

    public Action<int, int>? RuntimeStarted { get; init; }

    /// <summary>The function's <c>/opt</c> view (its layers merged in order), or null without layers.</summary>
    public string? OptDirectory { get; init; }

    /// <summary>The external extensions: the files of <c>&lt;opt&gt;/extensions</c>, in name order.</summary>
    public IReadOnlyList<string> ExternalExtensions { get; init; } = Array.Empty<string>();
}
