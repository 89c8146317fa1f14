using System;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "telemetry":
                await RuleTelemetry.RunAsync(Argument(args, 1, 500), Argument(args, 2, 5)).ConfigureAwait(false);
                return 0;
            case "allocation-types":
                await AllocationTypes.RunAsync(Argument(args, 1, 500), Argument(args, 2, 3), args.Length > 3 ? args[3] : null).ConfigureAwait(false);
                return 0;
            case "allocations":
                await AnalyzerAllocations.RunAsync(Argument(args, 1, 500), Argument(args, 2, 3), args.Length > 3 ? args[3] : null).ConfigureAwait(false);
                return 0;
            case "generator-time":
                GeneratorTime.Run(Argument(args, 1, 500), Argument(args, 2, 5));
                return 0;
            case "build-time":
                return await BuildTime.RunAsync(args.AsSpan(1).ToArray()).ConfigureAwait(false);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
