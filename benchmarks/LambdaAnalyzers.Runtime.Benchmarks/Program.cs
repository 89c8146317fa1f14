using System;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Runtime.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet's command line (<c>--filter '*' --job short --inProcess</c>), or <c>--paired [rounds]</c>.</summary>
    private static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--paired")
        {
            await PairedRun.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30).ConfigureAwait(false);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
