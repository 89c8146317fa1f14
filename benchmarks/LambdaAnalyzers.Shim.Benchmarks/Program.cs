using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Shim.Benchmarks;

internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
