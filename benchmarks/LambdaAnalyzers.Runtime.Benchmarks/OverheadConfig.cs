using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Runtime.Benchmarks;

/// <summary>
/// Adds the per-invoke overhead against the baseline: median time and bytes allocated minus the baseline's.
/// The job comes from the command line (<c>--job short</c> for a quick run).
/// </summary>
internal sealed class OverheadConfig : ManualConfig
{
    public OverheadConfig()
    {
        AddColumn(new OverheadColumn(allocated: false), new OverheadColumn(allocated: true));
    }

    private sealed class OverheadColumn(bool allocated) : IColumn
    {
        public string Id => allocated ? "AllocOverhead" : "TimeOverhead";

        public string ColumnName => allocated ? "Alloc overhead" : "Overhead";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => allocated ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => allocated
            ? "Bytes allocated per invoke minus the baseline's"
            : "Median time per invoke minus the baseline's median (the median resists the noise of a shared machine)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var baseline = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline && c.Job == benchmarkCase.Job);
            var report = summary[benchmarkCase];
            var baseReport = baseline is null ? null : summary[baseline];
            if (report is null || baseReport is null || baseline == benchmarkCase)
            {
                return "-";
            }

            if (allocated)
            {
                var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                var baseBytes = baseReport.GcStats.GetBytesAllocatedPerOperation(baseline!);
                return bytes is { } b && baseBytes is { } bb ? (b - bb).ToString("+#,0' B';-#,0' B';0' B'", CultureInfo.InvariantCulture) : "-";
            }

            var mean = report.ResultStatistics?.Median;
            var baseMean = baseReport.ResultStatistics?.Median;
            return mean is { } m && baseMean is { } bm ? ((m - bm) / 1000).ToString("+#,0.00' us';-#,0.00' us';0.00' us'", CultureInfo.InvariantCulture) : "-";
        }
    }
}
