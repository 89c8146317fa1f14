using System;
using System.Linq;
using System.Reflection;
using HandlerShapes;
using LambdaAnalyzers.Shim.ClassLibraryHost;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The class-library host binds every row of the shared handler-shape table (tests/Shared/HandlerShapes) as the table
/// says the managed runtime does; LambdaAnalyzers.Tests checks the analyzers' evaluator against the same rows.
/// </summary>
public sealed class HandlerShapeTableTests
{
    private static readonly Assembly Table = typeof(ShapeAttribute).Assembly;

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var (type, method, _) in AllRows())
        {
            rows.Add($"{type.FullName}::{method.Name}");
        }

        return rows;
    }

    [Fact]
    public void The_table_has_accepted_and_rejected_rows()
    {
        var verdicts = AllRows().Select(r => r.Shape.Verdict).ToList();
        Assert.Contains(Verdict.Accepted, verdicts);
        Assert.Contains(Verdict.Rejected, verdicts);
        Assert.True(verdicts.Count >= 30, $"{verdicts.Count} rows");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_host_binds_the_row_as_the_table_says(string row)
    {
        var (_, method, shape) = AllRows().Single(r => $"{r.Type.FullName}::{r.Method.Name}" == row);
        var handler = $"{Table.GetName().Name}::{row}";

        if (shape.Verdict == Verdict.Accepted)
        {
            var binding = HandlerBinding.Bind(handler);
            Assert.Equal(method, binding.Method);
            Assert.Equal(shape.Input, binding.InputType);
            Assert.Equal(shape.Output, binding.OutputType);
        }
        else
        {
            // What fails Init: the runtime's validation, or creating the instance without a public parameterless constructor.
            var error = Assert.ThrowsAny<Exception>(() => HandlerBinding.Bind(handler));
            Assert.True(error is LambdaValidationException or MissingMethodException, $"{row} ({shape.Why}) failed with {error}");
        }
    }

    private static (Type Type, MethodInfo Method, ShapeAttribute Shape)[] AllRows() =>
        Table.GetTypes()
            .Where(t => t.Namespace == "HandlerShapes")
            .SelectMany(t => t.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                .Select(m => (Type: t, Method: m, Shape: m.GetCustomAttribute<ShapeAttribute>())))
            .Where(r => r.Shape is not null)
            .Select(r => (r.Type, r.Method, r.Shape!))
            .OrderBy(r => r.Type.FullName, StringComparer.Ordinal)
            .ThenBy(r => r.Method.Name, StringComparer.Ordinal)
            .ToArray();
}
