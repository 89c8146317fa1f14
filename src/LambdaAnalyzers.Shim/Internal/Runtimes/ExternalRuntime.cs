using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>A runtime the shim does not start (debugger, a test speaking raw HTTP).</summary>
internal sealed class ExternalRuntime : IRuntimeInstance
{
    private readonly TaskCompletionSource<int> _never = new();

    public Task<int> Exited => _never.Task;

    public string DescribeExit(int code) => $"exit status {code}";

    public void Freeze()
    {
    }

    public void Thaw()
    {
    }

    public Task KillAsync() => Task.CompletedTask;

    public long? ResidentBytes() => null;

    public ValueTask DisposeAsync() => default;
}
