using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Keeps the runtime's own stack frames out of what a function's error shows (docs/platform/logging.md): the block
/// of frames at the bottom of a trace that belong to the runtime loop, to a host that registered its namespace, or
/// to the reflection call a host makes into the handler is cut, so the trace ends with the function's outermost
/// frame. Frames of the function in between (its own reflection, say) stay.
/// </summary>
internal static class PlatformFrames
{
    private static readonly object Gate = new();
    private static string[] s_owners = [typeof(PlatformFrames).Namespace + ".", typeof(MethodBase).Namespace + ".", typeof(RuntimeMethodHandle).FullName + "."];

    /// <summary>Counts the frames of <paramref name="namespace"/> (a host calling handlers) as the runtime's own.</summary>
    public static void AddOwner(string @namespace)
    {
        lock (Gate)
        {
            s_owners = s_owners.Append(@namespace + ".").Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The lines of <paramref name="stackTrace"/> without the runtime's block at its bottom (all of them when nothing else is left).</summary>
    public static IReadOnlyList<string> Lines(string? stackTrace)
    {
        var lines = new List<string>();
        foreach (var line in (stackTrace ?? string.Empty).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                lines.Add(trimmed);
            }
        }

        var keep = lines.Count;
        while (keep > 0 && IsPlatformLine(lines[keep - 1]))
        {
            keep--;
        }

        return keep == 0 ? lines : lines.GetRange(0, keep);
    }

    /// <summary><see cref="Exception.ToString"/> with the runtime's frames cut from the exception's own trace.</summary>
    public static string Describe(Exception exception)
    {
        var text = exception.ToString();
        var trace = exception.StackTrace;
        if (string.IsNullOrEmpty(trace) || !text.EndsWith(trace, StringComparison.Ordinal))
        {
            return text;
        }

        var kept = Lines(trace);
        var head = text.Substring(0, text.Length - trace.Length);
        return head + "   " + string.Join(Environment.NewLine + "   ", kept);
    }

    private static bool IsPlatformLine(string line)
    {
        if (!line.StartsWith("at ", StringComparison.Ordinal))
        {
            // A marker between blocks ("--- End of stack trace from previous location ---") goes with our frames.
            return true;
        }

        var owners = s_owners;
        foreach (var owner in owners)
        {
            if (string.CompareOrdinal(line, 3, owner, 0, owner.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
