#if NET8_0_OR_GREATER
namespace Amazon.Lambda.Core;

public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}
#endif
