namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Lambda's telemetry log descriptor (docs/platform/logging.md, "The telemetry log descriptor"): the variable that names
/// it and the frames written there. The runtime writes them (<c>TelemetryLogWriter</c>); the shim, which compiles this
/// file too, reads them.
/// </summary>
internal static class TelemetryLogFormat
{
    /// <summary>The environment variable naming the descriptor.</summary>
    public const string Variable = "_LAMBDA_TELEMETRY_LOG_FD";

    /// <summary>Frame type of text records (text and unformatted logs).</summary>
    public const uint TextFrame = 0xa55a0003;

    /// <summary>Frame type of records that are JSON objects (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>).</summary>
    public const uint JsonFrame = 0xa55a0002;

    /// <summary>The header before each payload: frame type, payload length in bytes, microseconds since the Unix epoch (big-endian).</summary>
    public const int HeaderBytes = 16;

    /// <summary>The largest payload of one frame: a CloudWatch Logs event (256 KiB) less its 26 bytes of overhead.</summary>
    public const int MaxPayloadBytes = (256 * 1024) - 26;
}
