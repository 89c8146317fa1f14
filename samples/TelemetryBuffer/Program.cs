using System;
using System.IO;
using LambdaAnalyzers.Runtime;
using TelemetryBuffer;

// An external extension registers under its own file name (extensions/telemetry-buffer in the layer).
var name = Path.GetFileName(Environment.ProcessPath) ?? "telemetry-buffer";
using var extension = await LambdaExtension.RegisterAsync(name, LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown);

// Subscribe during the extension's Init (later subscriptions are refused). Not to the "extension" stream: what this
// extension prints would come back to it.
var buffer = new EventBuffer(EventBuffer.CapacityFromEnvironment());
await extension.SubscribeTelemetryAsync(
    LambdaTelemetryTypes.Platform | LambdaTelemetryTypes.Function,
    (batch, _) =>
    {
        buffer.Add(batch);
        return default;
    },
    new LambdaTelemetryBuffering { TimeoutMs = 100 });

var invokes = 0;
await extension.RunAsync((e, _) =>
{
    if (e.EventType == LambdaExtensionEventType.Invoke)
    {
        // Cheap work only: the invoke phase lasts until this extension calls next again.
        invokes++;
        return default;
    }

    // SHUTDOWN: write everything out before the deadline (Lambda kills the process then).
    var written = buffer.Flush(Console.Out);
    Console.WriteLine($"{name}: flushed {written} telemetry events of {invokes} invokes at shutdown ({e.ShutdownReason}); {buffer.Dropped} dropped");
    return default;
});
