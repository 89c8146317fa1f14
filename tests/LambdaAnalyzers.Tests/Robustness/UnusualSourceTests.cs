using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Robustness;

/// <summary>
/// Every analyzer and generator over sources the rule tests do not write: every construct of recent
/// C# the test compiler knows, an empty file, a 10,000-line file, Unicode names; and a pre-cancelled
/// analysis. No analyzer exception (AD0001), no generator exception, cancellation honoured.
/// </summary>
public sealed class UnusualSourceTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        """;

    /// <summary>Records, primary constructors, collection expressions, file-local types, required members,
    /// static abstract members, list patterns, raw and UTF-8 strings, generic attributes, params collections,
    /// partial properties, the lock type, ref struct interfaces, inline arrays, default lambda parameters.</summary>
    private const string RecentCSharp = Header + """"
        [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

        namespace Modern;

        public record Order(string Id, decimal Amount, IReadOnlyList<string> Tags)
        {
            public required string Customer { get; init; }
        }

        public readonly record struct Point(int X, int Y);

        public sealed class Function(HttpClient client, TimeProvider clock)
        {
            private static readonly Lock Gate = new();
            private readonly int[] _buffer = [1, 2, 3, .. Enumerable.Range(4, 3)];

            public Function() : this(new HttpClient(), TimeProvider.System) { }

            [LambdaHandler]
            public async Task<Order> Handle(Order order, ILambdaContext context)
            {
                List<string> tags = [.. order.Tags, "seen"];
                var summary = order switch
                {
                    { Amount: > 100, Tags: [var first, ..] } => first,
                    { Tags: [] } => "none",
                    _ => """raw "quoted" text""",
                };
                ReadOnlySpan<byte> utf8 = "bytes"u8;
                lock (Gate)
                {
                    _ = _buffer.Sum() + utf8.Length;
                }

                var add = (int a, int b = 2) => a + b;
                await Task.Delay(TimeSpan.FromMilliseconds(add(1)), clock);
                _ = client.BaseAddress;
                return order with { Tags = tags, Customer = summary + Helpers.Count(1, 2, 3) };
            }
        }

        public interface IParse<TSelf> where TSelf : IParse<TSelf>
        {
            static abstract TSelf Parse(string text);
            static virtual string Name => typeof(TSelf).Name;
        }

        public sealed class Id : IParse<Id>
        {
            public static Id Parse(string text) => new();
        }

        public static partial class Helpers
        {
            public static int Count(params ReadOnlySpan<int> values) => values.Length;
            public static partial string Label { get; }
        }

        public static partial class Helpers
        {
            public static partial string Label => "label";
        }

        [AttributeUsage(AttributeTargets.Class)]
        public sealed class TypedAttribute<T> : Attribute { }

        [Typed<Order>]
        file sealed class Local
        {
            public ref struct Reader : IDisposable
            {
                public void Dispose() { }
            }
        }

        [System.Runtime.CompilerServices.InlineArray(4)]
        public struct Four
        {
            private int _element;
        }
        """";

    /// <summary>
    /// C# 14, which only the current SDK's compiler knows: extension members, the <c>field</c> keyword, null-conditional
    /// assignment. Under an older compiler (LambdaAnalyzers.Tests) this is broken code and must not crash anything either;
    /// under the current one (LambdaAnalyzers.Tests.CurrentRoslyn) it compiles, and the rules see it bound.
    /// </summary>
    private const string NewestCSharp = Header + """"
        namespace Newest;

        public sealed class Order
        {
            public string Id { get => field; set => field = value.Trim(); } = "";
            public decimal Amount { get; set; }
            public Order? Parent { get; set; }
        }

        public static class OrderExtensions
        {
            extension(Order order)
            {
                public decimal Doubled => order.Amount * 2;
                public bool IsLarge() => order.Amount > 100;
                public static Order Empty() => new();
            }
        }

        public sealed class Function
        {
            private static Order? s_last;

            [LambdaHandler]
            public async Task<decimal> Handle(Order order, ILambdaContext context)
            {
                var first = Task.FromResult(1m);
                var second = Task.FromResult(2m);
                await Task.WhenAll(first, second);
                order.Parent?.Id = context.AwsRequestId;
                s_last?.Amount = first.Result;
                var fresh = Order.Empty();
                return order.Doubled + (order.IsLarge() ? first.Result : second.Result) + fresh.Amount;
            }
        }
        """";

    [Fact]
    public void The_recent_CSharp_source_compiles_without_errors_so_the_rules_see_bound_code()
    {
        var errors = Compilation(RecentCSharp).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public Task Recent_CSharp_constructs() => AssertNoFailuresAsync(RecentCSharp);

    [Fact]
    public Task Newest_CSharp_constructs_bound_or_not() => AssertNoFailuresAsync(NewestCSharp);

#if CURRENT_ROSLYN
    [Fact]
    public void The_newest_CSharp_source_compiles_without_errors_under_the_current_compiler()
    {
        var errors = Compilation(NewestCSharp).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
#endif

    [Fact]
    public Task An_empty_file() => AssertNoFailuresAsync(string.Empty);

    [Fact]
    public Task A_file_of_only_trivia() => AssertNoFailuresAsync("// nothing\n#if DEBUG\n#endif\n/* more */\n");

    [Fact]
    public Task A_ten_thousand_line_file() => AssertNoFailuresAsync(LongFile(10_000));

    [Fact]
    public Task Unicode_names_in_code_and_file_path() => AssertNoFailuresAsync(
        Header + """
        namespace Ünïcödé.Fünctiöns;

        public class Ĥandler
        {
            private static ILambdaContext? s_последний;

            [LambdaHandler("名前")]
            public string Ωmega(string 入力, ILambdaContext context)
            {
                s_последний = context;
                return 入力 + "✓";
            }
        }
        """,
        path: "/project/Fünctiöns/Ĥandler.cs");

    [Fact]
    public async Task A_pre_cancelled_analysis_is_cancelled_not_failed()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var failures = new ConcurrentBag<string>();
        var compilation = Compilation(RecentCSharp);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAllDiagnosticsAsync(cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => TruncatedSourceTests.GeneratorFailures(compilation, Array.Empty<AdditionalText>(), cancelled.Token).ToList());
        Assert.Empty(failures);
    }

    private static string LongFile(int lines)
    {
        var sb = new StringBuilder(Header).Append("namespace Long;\n\npublic class Function\n{\n");
        var written = 12;
        var method = 0;
        while (written < lines - 20)
        {
            sb.Append("    private static int M").Append(method).Append("(int x)\n    {\n");
            for (var i = 0; i < 20; i++)
            {
                sb.Append("        x = x * 31 + ").Append(i).Append(";\n");
            }

            sb.Append("        return ").Append(method > 0 ? "M" + (method - 1) + "(x)" : "x").Append(";\n    }\n\n");
            written += 25;
            method++;
        }

        sb.Append("    [LambdaHandler]\n    public int Handle(int input, ILambdaContext context) => M").Append(method - 1).Append("(input);\n}\n");
        var text = sb.ToString();
        Assert.True(text.Split('\n').Length >= lines - 30, "the file is shorter than asked");
        return text;
    }

    private static CSharpCompilation Compilation(string source, string path = "/project/Source.cs") =>
        CSharpCompilation.Create(
            "Project",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path, Encoding.UTF8) },
            TestReferences.LambdaProject,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static async Task AssertNoFailuresAsync(string source, string path = "/project/Source.cs")
    {
        var failures = new ConcurrentBag<string>();
        var compilation = Compilation(source, path);
        foreach (var failure in TruncatedSourceTests.GeneratorFailures(compilation, Array.Empty<AdditionalText>()))
        {
            failures.Add(failure);
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None);
        foreach (var diagnostic in diagnostics.Where(d => d.Id is "AD0001" or "CS8784" or "CS8785"))
        {
            failures.Add(diagnostic.ToString());
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(5)));
    }
}
