using System;
using System.IO;
using LambdaAnalyzers.Testing;
using Xunit.Sdk;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// Compares produced text with a committed file. Golden files change only through the explicit
/// command <c>LAMBDA_ACCEPT_GOLDEN=1 dotnet test</c>, which rewrites them; the diff then goes
/// through review like any other change.
/// </summary>
internal static class GoldenFile
{
    public const string AcceptVariable = "LAMBDA_ACCEPT_GOLDEN";

    public static bool Accepting =>
        string.Equals(Environment.GetEnvironmentVariable(AcceptVariable), "1", StringComparison.Ordinal);

    public static void AssertMatches(string path, string actual)
    {
        actual = Normalize(actual);
        if (Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new XunitException($"Golden file {Relative(path)} is missing. Review the output, then create it with `{AcceptVariable}=1 dotnet test`.\n\n{actual}");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new XunitException(
                $"{Relative(path)} differs from what the code produces now (first difference at line {FirstDifferentLine(expected, actual)}). " +
                $"If the change is intended, update it with `{AcceptVariable}=1 dotnet test` and review the diff.\n\n--- produced ---\n{actual}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path);

    private static int FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (!string.Equals(e[i], a[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return Math.Min(e.Length, a.Length) + 1;
    }
}
