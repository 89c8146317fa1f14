#if NET8_0_OR_GREATER
using System;
#endif

namespace Amazon.Lambda.Core;

public interface ILambdaLogger
{
    void Log(string message);

    void LogLine(string message);

#if NET8_0_OR_GREATER
    // Everything below was added after Log/LogLine, as default members: an implementation that
    // only has the two originals still compiles, and every overload ends in LogLine.
    void Log(string level, string message) => LogLine(message);

    void Log(LogLevel level, string message) => Log(level.ToString(), message);

    void LogTrace(string message) => Log(nameof(LogLevel.Trace), message);

    void LogDebug(string message) => Log(nameof(LogLevel.Debug), message);

    void LogInformation(string message) => Log(nameof(LogLevel.Information), message);

    void LogWarning(string message) => Log(nameof(LogLevel.Warning), message);

    void LogError(string message) => Log(nameof(LogLevel.Error), message);

    void LogCritical(string message) => Log(nameof(LogLevel.Critical), message);

    // The message template is passed on unformatted: formatting belongs to the runtime's logger.
    void Log(string level, string message, params object[] args) => Log(level, message);

    void Log(string level, Exception exception, string message, params object[] args)
    {
        Log(level, message, args);
        Log(level, exception?.ToString(), args);
    }

    void Log(LogLevel level, string message, params object[] args) => Log(level.ToString(), message, args);

    void Log(LogLevel level, Exception exception, string message, params object[] args) =>
        Log(level.ToString(), exception, message, args);

    void LogTrace(string message, params object[] args) => Log(nameof(LogLevel.Trace), message, args);

    void LogTrace(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Trace), exception, message, args);

    void LogDebug(string message, params object[] args) => Log(nameof(LogLevel.Debug), message, args);

    void LogDebug(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Debug), exception, message, args);

    void LogInformation(string message, params object[] args) => Log(nameof(LogLevel.Information), message, args);

    void LogInformation(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Information), exception, message, args);

    void LogWarning(string message, params object[] args) => Log(nameof(LogLevel.Warning), message, args);

    void LogWarning(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Warning), exception, message, args);

    void LogError(string message, params object[] args) => Log(nameof(LogLevel.Error), message, args);

    void LogError(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Error), exception, message, args);

    void LogCritical(string message, params object[] args) => Log(nameof(LogLevel.Critical), message, args);

    void LogCritical(Exception exception, string message, params object[] args) =>
        Log(nameof(LogLevel.Critical), exception, message, args);
#endif
}
