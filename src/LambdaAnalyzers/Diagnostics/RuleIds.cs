namespace LambdaAnalyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID the package reports, in one place. IDs are stable once shipped; ranges are
/// 00xx handlers and wiring, 01xx serialization, 02xx init phase and lifecycle, 03xx deployment
/// and configuration files, 04xx generator input errors (docs/rules/README.md).
/// </summary>
internal static class RuleIds
{
    public const string UnknownHandler = "LAM0001";
    public const string RejectedHandlerSignature = "LAM0002";
    public const string AsyncVoidHandler = "LAM0003";
    public const string AmbiguousHandlerName = "LAM0004";
    public const string HandlerTypeNotCreatable = "LAM0005";
    public const string MissingSerializer = "LAM0006";
    public const string MainWithoutRuntimeLoop = "LAM0007";
    public const string ValueTaskHandler = "LAM0008";

    public const string UnwritableOutput = "LAM0100";
    public const string UncreatableInput = "LAM0101";
    public const string TypeMissingFromContext = "LAM0102";
    public const string SilentDataLoss = "LAM0103";
    public const string ReflectionSerializerInTrimmedProject = "LAM0104";

    public const string ContextInStaticField = "LAM0200";
    public const string ContextInInstanceField = "LAM0201";
    public const string ClientCreatedPerInvoke = "LAM0202";
    public const string FireAndForgetTask = "LAM0203";
    public const string SyncOverAsync = "LAM0204";
    public const string WriteOutsideTmp = "LAM0205";
    public const string ProcessExitInInvoke = "LAM0206";
    public const string ReservedEnvironmentVariableWritten = "LAM0207";
    public const string SharedClientDisposed = "LAM0208";
    public const string UnsynchronizedStaticState = "LAM0209";
    public const string BackgroundWorkStartedInInit = "LAM0210";
    public const string HardCodedCredentials = "LAM0211";
    public const string AsyncVoidStarted = "LAM0212";

    public const string RuntimeProjectMismatch = "LAM0300";
    public const string LimitOutOfRange = "LAM0301";
    public const string ReservedEnvironmentVariableConfigured = "LAM0302";
    public const string MalformedConfigFile = "LAM0303";
    public const string RuntimeNotOffered = "LAM0304";

    public const string HandlerNotWired = "LAM0400";
    public const string DuplicateHandlerName = "LAM0401";
    public const string UnknownEventSource = "LAM0402";
    public const string MalformedSampleEvent = "LAM0403";
    public const string ConflictingSampleEvents = "LAM0404";
    public const string GeneratedEventTypeInJsonContext = "LAM0405";
    public const string SampleIsCatalogEvent = "LAM0406";
    public const string InvalidEventTypeName = "LAM0407";
}
