using System;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>One started runtime (a process, an in-process entry point, or nothing for external runtimes).</summary>
internal interface IRuntimeInstance : IAsyncDisposable
{
    /// <summary>Completes with the exit code when the runtime ends (never for external runtimes).</summary>
    Task<int> Exited { get; }

    /// <summary>How the runtime ended, in Lambda's words (<c>exit status 1</c>, <c>signal: killed</c>).</summary>
    string DescribeExit(int code);

    void Freeze();

    void Thaw();

    /// <summary>Kills the runtime at once (SIGKILL to its process group) and waits for it to be gone.</summary>
    Task KillAsync();

    /// <summary>Resident memory of the runtime's process group, when measurable.</summary>
    long? ResidentBytes();
}
