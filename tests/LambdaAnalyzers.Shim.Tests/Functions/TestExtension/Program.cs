using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Runtime;

// A test extension. Its name is its first argument; EXT_MODE_<NAME> (upper case, '-' as '_') selects behaviours,
// comma-separated. Everything it sees is appended to $TMPDIR/trace-<name>.log, which survives resets.
internal static class Program
{
    private static string s_name = "test-extension";
    private static string s_tmp = Path.GetTempPath();

    private static async Task<int> Main(string[] args)
    {
        s_name = args.Length > 0 ? args[0] : s_name;
        s_tmp = Environment.GetEnvironmentVariable("TMPDIR") ?? s_tmp;
        var modes = (Environment.GetEnvironmentVariable("EXT_MODE_" + s_name.ToUpperInvariant().Replace('-', '_')) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Mode(string mode) => modes.Contains(mode);

        if (Mode("env"))
        {
            var lines = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").OrderBy(l => l, StringComparer.Ordinal);
            File.WriteAllLines(Path.Combine(s_tmp, $"env-{s_name}.txt"), lines);
        }

        if (Mode("crash-before-register"))
        {
            return 3;
        }

        if (Mode("never-register"))
        {
            Thread.Sleep(Timeout.Infinite);
        }

        var events = Mode("no-shutdown") ? LambdaExtensionEvents.Invoke : LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown;
        using var extension = await LambdaExtension.RegisterAsync(s_name, events);
        Record("register");
        Console.WriteLine($"[{s_name}] registered for {events}");
        if (Mode("crash-init"))
        {
            return 3;
        }

        if (Mode("init-error"))
        {
            await extension.ReportInitErrorAsync("Extension.ConfigMissing", "no configuration");
            return 1;
        }

        if (Mode("telemetry"))
        {
            var telemetryFile = Path.Combine(s_tmp, $"telemetry-{s_name}.jsonl");
            await extension.SubscribeTelemetryAsync(
                LambdaTelemetryTypes.Platform | LambdaTelemetryTypes.Function | LambdaTelemetryTypes.Extension,
                (batch, _) =>
                {
                    File.AppendAllLines(telemetryFile, batch.Select(e => $"{e.Type}\t{e.Record.GetRawText()}"));
                    return default;
                },
                new LambdaTelemetryBuffering { TimeoutMs = 25 });
        }

        var slow = modes.FirstOrDefault(m => m.StartsWith("slow-next=", StringComparison.Ordinal)) is { } s ? int.Parse(s.Substring(10)) : 0;
        await extension.RunAsync(async (e, _) =>
        {
            if (e.EventType == LambdaExtensionEventType.Invoke)
            {
                Record($"INVOKE {e.RequestId}");
                Console.WriteLine($"[{s_name}] INVOKE {e.RequestId}");
                if (Mode("crash-invoke"))
                {
                    Environment.Exit(4);
                }

                if (Mode("exit-error"))
                {
                    await extension.ReportExitErrorAsync("Extension.Broken", "gave up");
                    Environment.Exit(1);
                }

                if (slow > 0)
                {
                    await Task.Delay(slow);
                }
            }
            else
            {
                Record($"SHUTDOWN {e.ShutdownReason} {e.Deadline.ToUnixTimeMilliseconds()}");
                Console.WriteLine($"[{s_name}] SHUTDOWN {e.ShutdownReason}");
                if (Mode("linger"))
                {
                    // Ignores the shutdown: the platform must SIGKILL it at the deadline.
                    Thread.Sleep(Timeout.Infinite);
                }
            }
        });
        return 0;
    }

    private static void Record(string line) => File.AppendAllText(Path.Combine(s_tmp, $"trace-{s_name}.log"), line + "\n");
}
