using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>A short job and the PerDoubling column.</summary>
internal sealed class PerDoublingConfig : ManualConfig
{
    public PerDoublingConfig()
    {
        AddJob(Job.ShortRun);
        AddColumn(new PerDoublingColumn());
    }

    /// <summary>Mean time at this size divided by the mean at half this size.</summary>
    private sealed class PerDoublingColumn : IColumn
    {
        public string Id => nameof(PerDoublingColumn);

        public string ColumnName => "PerDoubling";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Mean divided by the mean at half the number of types (2 = linear)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var size = (int)benchmarkCase.Parameters["Types"];
            var half = summary.BenchmarksCases.FirstOrDefault(c => (int)c.Parameters["Types"] == size / 2 && c.Descriptor == benchmarkCase.Descriptor);
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var halfMean = half is null ? null : summary[half]?.ResultStatistics?.Mean;
            return mean is { } m && halfMean is { } h && h > 0 ? (m / h).ToString("0.00") : "-";
        }
    }
}
