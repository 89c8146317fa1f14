using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Events.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet's command line, e.g. <c>--filter '*' --job short --inProcess</c>.</summary>
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
