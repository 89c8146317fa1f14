using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// What <c>--mode external</c> prints for each execution environment as it is created (the first at start, another
/// whenever concurrent invokes need one): its Runtime API endpoint and every variable a runtime of it starts with, since
/// runtime clients read the function's name, memory, version, log group and stream and region when they start.
/// </summary>
internal static class ExternalHint
{
    private static readonly object Gate = new();

    /// <summary>On standard error, as <c>export</c> lines; with <paramref name="json"/> also as one JSON line on standard output.</summary>
    public static void Print(LambdaEnvironmentInfo environment, bool json)
    {
        // The host's own search paths are the user's shell's already; everything else is Lambda's (or the function's).
        var all = environment.RuntimeVariables;
        var variables = all
            .Where(pair => pair.Key is not ("PATH" or "LD_LIBRARY_PATH"))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        var text = new StringBuilder();
        text.Append("lambda-shim: environment ").Append(environment.Id).Append(" has no runtime (--mode external). Start your function with AWS_LAMBDA_RUNTIME_API=")
            .Append(environment.RuntimeApiEndpoint).Append(" _HANDLER=").Append(all["_HANDLER"])
            .Append(" and these variables (Init waits up to an hour for it to call next):").Append('\n');
        foreach (var (name, value) in variables)
        {
            text.Append("  export ").Append(name).Append("='").Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).Append("'\n");
        }

        lock (Gate)
        {
            Console.Error.Write(text.ToString());
            Console.Error.Flush();
            if (json)
            {
                using var stream = Console.OpenStandardOutput();
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("environment", environment.Id);
                    writer.WriteString("runtimeApi", environment.RuntimeApiEndpoint);
                    writer.WriteStartObject("variables");
                    foreach (var (name, value) in variables)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                stream.Write("\n"u8);
            }
        }
    }
}
