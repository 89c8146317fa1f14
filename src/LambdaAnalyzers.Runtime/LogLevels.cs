using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>Log level names of Amazon.Lambda.Core's <c>LogLevel</c> and of Lambda's log configuration, as numbers to compare.</summary>
internal static class LogLevels
{
    public const int Trace = 0;
    public const int Debug = 1;
    public const int Information = 2;
    public const int Warning = 3;
    public const int Error = 4;
    public const int Critical = 5;

    private static readonly string[] Names = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    // The managed runtime's text-format labels (those of Microsoft.Extensions.Logging's console logger).
    private static readonly string[] Labels = ["trce", "dbug", "info", "warn", "fail", "crit"];

    /// <summary>The level's name in JSON log lines (<c>Information</c>).</summary>
    public static string Name(int level) => Names[level];

    /// <summary>The level's label in text log lines (<c>info</c>).</summary>
    public static string Label(int level) => Labels[level];

    /// <summary>Reads both spellings (<c>Information</c> and Lambda's <c>INFO</c>, <c>Critical</c> and <c>FATAL</c>); anything else is Information.</summary>
    public static int Parse(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => Trace,
        "DEBUG" => Debug,
        "WARN" or "WARNING" => Warning,
        "ERROR" => Error,
        "FATAL" or "CRITICAL" => Critical,
        _ => Information,
    };
}
