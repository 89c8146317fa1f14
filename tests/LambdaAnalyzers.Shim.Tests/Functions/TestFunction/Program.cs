using System;
using System.Collections;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Runtime;

// A test function: the payload's "op" selects a behaviour; INIT_* variables select Init behaviours.
internal static class Program
{
    private static int _ticks;
    private static int _statics;
    private static Timer? _timer;
    private static PosixSignalRegistration? _sigterm;

    private static async Task Main()
    {
        var tmp = Environment.GetEnvironmentVariable("TMPDIR") ?? Path.GetTempPath();
        Console.WriteLine("function init");
        if (Environment.GetEnvironmentVariable("INIT_SLEEP_MS") is { } sleep)
        {
            Thread.Sleep(int.Parse(sleep));
        }

        if (Environment.GetEnvironmentVariable("INIT_SLEEP_ONCE_MS") is { } sleepOnce && TryMark(tmp, "init-slept"))
        {
            Thread.Sleep(int.Parse(sleepOnce));
        }

        if (Environment.GetEnvironmentVariable("INIT_THROW") == "1")
        {
            throw new InvalidOperationException("init failed on purpose");
        }

        if (Environment.GetEnvironmentVariable("INIT_FAIL_ONCE") == "1" && TryMark(tmp, "init-failed"))
        {
            throw new InvalidOperationException("init fails the first time");
        }

        if (Environment.GetEnvironmentVariable("INIT_ERROR_POST") == "1")
        {
            using var http = new HttpClient();
            var content = new StringContent("{\"errorType\":\"InitBroken\",\"errorMessage\":\"reported by init/error\",\"stackTrace\":[]}");
            var request = new HttpRequestMessage(HttpMethod.Post, $"http://{Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/runtime/init/error") { Content = content };
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", "Runtime.InitBroken");
            using var response = await http.SendAsync(request);
            Console.WriteLine($"init/error -> {(int)response.StatusCode}");
            Environment.Exit(1);
        }

        _timer = new Timer(_ => Interlocked.Increment(ref _ticks), null, 10, 10);
        Trace("init");
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Trace("SIGTERM"));
        if (Environment.GetEnvironmentVariable("INTERNAL_EXTENSION") is { Length: > 0 } internalName)
        {
            // An internal extension: registered from inside the runtime's process before the runtime loop's first next.
            var extension = await LambdaExtension.RegisterAsync(internalName, LambdaExtensionEvents.Invoke);
            File.AppendAllText(Path.Combine(tmp, $"trace-{internalName}.log"), "register\n");
            var delay = int.TryParse(Environment.GetEnvironmentVariable("INTERNAL_EXTENSION_DELAY_MS"), out var ms) ? ms : 0;
            _ = Task.Run(() => extension.RunAsync(async (e, _) =>
            {
                File.AppendAllText(Path.Combine(tmp, $"trace-{internalName}.log"), $"INVOKE {e.RequestId}\n");
                await Task.Delay(delay);
            }));
        }

        await LambdaRuntime.RunAsync(HandleAsync);
        if (Environment.GetEnvironmentVariable("LINGER_AFTER_SIGTERM") == "1")
        {
            // The loop stopped on SIGTERM; staying alive makes the platform SIGKILL it at the end of its budget.
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary>With TRACE_RUNTIME=1, what the runtime saw goes to $TMPDIR/trace-runtime.log (it survives resets).</summary>
    private static void Trace(string line)
    {
        if (Environment.GetEnvironmentVariable("TRACE_RUNTIME") == "1")
        {
            File.AppendAllText(Path.Combine(Environment.GetEnvironmentVariable("TMPDIR")!, "trace-runtime.log"), line + "\n");
        }
    }

    private static bool TryMark(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        if (File.Exists(path))
        {
            return false;
        }

        File.WriteAllText(path, "x");
        return true;
    }

    private static async ValueTask HandleAsync(LambdaInvocation invocation, Stream response, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(invocation.Payload);
        var root = document.RootElement;
        var op = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("op", out var o) ? o.GetString() : "echo";
        Trace($"invoke {invocation.RequestId}");
        Console.WriteLine($"handling {op}");
        switch (op)
        {
            case "echo":
                await response.WriteAsync(invocation.Payload, cancellationToken);
                return;
            case "throw":
                throw new InvalidOperationException("boom", new ArgumentException("inner cause"));
            case "crash":
                Environment.FailFast("crashing on purpose");
                return;
            case "exit":
                Environment.Exit(root.GetProperty("code").GetInt32());
                return;
            case "hang":
                while (true)
                {
                    Thread.SpinWait(1000);
                }

            case "sleep":
                await Task.Delay(root.GetProperty("ms").GetInt32(), cancellationToken);
                await Write(response, w => w.WriteString("slept", "yes"));
                return;
            case "big":
            {
                var size = root.GetProperty("size").GetInt32();
                var bytes = new byte[size];
                Array.Fill(bytes, (byte)'a');
                bytes[0] = (byte)'"';
                bytes[^1] = (byte)'"';
                await response.WriteAsync(bytes, cancellationToken);
                return;
            }

            case "alloc":
            {
                var mb = root.GetProperty("mb").GetInt32();
                for (var i = 0; i < mb; i++)
                {
                    var block = Marshal.AllocHGlobal(1024 * 1024);
                    unsafe
                    {
                        new Span<byte>((void*)block, 1024 * 1024).Fill(1);
                    }
                }

                // Waits for the shim's memory check to kill the runtime; a missed kill answers before the timeout.
                Thread.Sleep(15000);
                await Write(response, w => w.WriteString("allocated", "yes"));
                return;
            }

            case "ticks":
            {
                var seen = Interlocked.Exchange(ref _ticks, 0);
                await Write(response, w => w.WriteNumber("ticks", seen));
                // Count from the end of this invoke: ticks seen next time happened between invokes.
                Interlocked.Exchange(ref _ticks, 0);
                return;
            }

            case "trapterm":
            {
                // Leaves a mark in /tmp if a SIGTERM ever reaches this runtime.
                var dir = Environment.GetEnvironmentVariable("TMPDIR")!;
                _sigterm ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => File.WriteAllText(Path.Combine(dir, "sigterm-seen"), "x"));
                await Write(response, w => w.WriteNumber("pid", Environment.ProcessId));
                return;
            }

            case "gclimit":
                // The heap limit the GC itself applies (DOTNET_GCHeapHardLimit as this runtime, JIT or Native AOT, read it).
                await Write(response, w => w.WriteNumber("totalAvailableMemoryBytes", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
                return;

            case "print":
            {
                // Many log lines (telemetry's function stream).
                var count = root.GetProperty("lines").GetInt32();
                var text = new string('x', root.TryGetProperty("width", out var width) ? width.GetInt32() : 100);
                for (var i = 0; i < count; i++)
                {
                    Console.WriteLine($"line {i} {text}");
                }

                await Write(response, w => w.WriteNumber("printed", count));
                return;
            }

            case "multiline":
                // One log line of two lines of text: one record where Lambda offers its telemetry log descriptor.
                Console.WriteLine("first of two\nsecond of two");
                await Write(response, w => w.WriteBoolean("written", true));
                return;

            case "chatter":
            {
                // Lines on stdout and stderr tagged with this invoke, from the handler and from a task it starts,
                // yielding between them so that concurrent environments write at the same time.
                var count = root.GetProperty("lines").GetInt32();
                if (root.TryGetProperty("barrier", out var barrier))
                {
                    // Both invokes are in their handlers before either writes (so they run in two environments at once).
                    var folder = barrier.GetString()!;
                    File.WriteAllText(Path.Combine(folder, invocation.RequestId), "x");
                    for (var waited = 0; Directory.GetFiles(folder).Length < 2 && waited < 30_000; waited += 10)
                    {
                        await Task.Delay(10);
                    }
                }

                var background = Task.Run(async () =>
                {
                    for (var i = 0; i < count; i++)
                    {
                        await Console.Error.WriteLineAsync($"{invocation.RequestId} err {i}");
                        await Task.Yield();
                    }
                });
                for (var i = 0; i < count; i++)
                {
                    Console.Write($"{invocation.RequestId} ");
                    Console.WriteLine($"out {i}");
                    await Task.Yield();
                }

                await background;
                await Write(response, w => w.WriteNumber("lines", count));
                return;
            }

            case "block":
                // Ignores its cancellation token (and cannot be killed in process): only the platform ends it.
                Thread.Sleep(root.GetProperty("ms").GetInt32());
                await Write(response, w => w.WriteString("blocked", "yes"));
                return;
            case "statics":
                _statics++;
                await Write(response, w => w.WriteNumber("statics", _statics));
                return;
            case "env":
                await Write(response, w =>
                {
                    foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
                    {
                        w.WriteString((string)entry.Key, (string?)entry.Value);
                    }
                });
                return;
            case "exec":
            {
                // Runs a program by name, found on this runtime's PATH as the platform set it.
                var start = new System.Diagnostics.ProcessStartInfo(root.GetProperty("command").GetString()!) { RedirectStandardOutput = true };
                using var process = System.Diagnostics.Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                await Write(response, w =>
                {
                    w.WriteString("stdout", output.Trim());
                    w.WriteNumber("exitCode", process.ExitCode);
                });
                return;
            }

            case "context":
                await Write(response, w =>
                {
                    w.WriteString("requestId", invocation.RequestId);
                    w.WriteString("arn", invocation.InvokedFunctionArn);
                    w.WriteString("traceId", invocation.TraceId);
                    w.WriteString("traceEnv", Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
                    w.WriteString("clientContext", invocation.ClientContextJson);
                    w.WriteString("cognito", invocation.CognitoIdentityJson);
                    w.WriteNumber("remainingMs", (long)invocation.RemainingTime(TimeProvider.System).TotalMilliseconds);
                });
                return;
            case "tmp":
            {
                var dir = Environment.GetEnvironmentVariable("TMPDIR")!;
                if (root.TryGetProperty("write", out var write))
                {
                    File.WriteAllText(Path.Combine(dir, write.GetString()!), "data");
                }

                if (root.TryGetProperty("fill", out var fill))
                {
                    var mb = fill.GetInt32();
                    using var file = File.Create(Path.Combine(dir, "fill.bin"));
                    var block = new byte[1024 * 1024];
                    for (var i = 0; i < mb; i++)
                    {
                        file.Write(block);
                    }

                    file.Flush();

                    // Waits for the shim's /tmp check to kill the runtime (it samples every half second, later when
                    // the test process is starved); well under the host's 20 s timeout, so a missed kill still
                    // answers and fails the test instead of timing out.
                    Thread.Sleep(15000);
                }

                await Write(response, w =>
                {
                    w.WriteStartArray("files");
                    foreach (var f in Directory.GetFiles(dir))
                    {
                        w.WriteStringValue(Path.GetFileName(f));
                    }

                    w.WriteEndArray();
                });
                return;
            }

            case "double":
            case "wrongid":
            {
                using var http = new HttpClient();
                var id = op == "double" ? invocation.RequestId : Guid.NewGuid().ToString();
                using var first = await http.PostAsync(
                    $"http://{Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/runtime/invocation/{id}/response",
                    new StringContent("{\"first\":true}"), cancellationToken);
                var text = await first.Content.ReadAsStringAsync(cancellationToken);
                await Write(response, w =>
                {
                    w.WriteNumber("status", (int)first.StatusCode);
                    w.WriteString("body", text);
                });
                return;
            }

            default:
                throw new ArgumentException($"unknown op {op}");
        }
    }

    private static async Task Write(Stream response, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(response);
    }
}
