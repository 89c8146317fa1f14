using System;
#if NET8_0_OR_GREATER
using System.Text;
#endif

namespace Amazon.Lambda.Core;

public static class LambdaLogger
{
    // A runtime host replaces these fields by reflection, by name, to route the static logger into
    // its own log stream (Amazon.Lambda.RuntimeSupport does); they are therefore neither readonly
    // nor renamed.
#pragma warning disable IDE0044
    private static Action<string> _loggingAction = WriteToConsole;
#if NET8_0_OR_GREATER
    private static Action<string, string, object[]> _loggingWithLevelAction = WriteLevelToConsole;
    private static Action<string, Exception, string, object[]> _loggingWithLevelAndExceptionAction =
        WriteLevelAndExceptionToConsole;
#endif
#pragma warning restore IDE0044

    public static void Log(string message) => _loggingAction(message);

#if NET8_0_OR_GREATER
    public static void Log(string level, string message, params object[] args) =>
        _loggingWithLevelAction(level, message, args);

    public static void Log(LogLevel level, string message, params object[] args) =>
        Log(level.ToString(), message, args);

    public static void Log(string level, Exception exception, string message, params object[] args) =>
        _loggingWithLevelAndExceptionAction(level, exception, message, args);

    public static void Log(LogLevel level, Exception exception, string message, params object[] args) =>
        Log(level.ToString(), exception, message, args);
#endif

    private static void WriteToConsole(string message) => Console.WriteLine(message);

#if NET8_0_OR_GREATER
    private static void WriteLevelToConsole(string level, string message, object[] args)
    {
        var line = new StringBuilder().Append(level).Append(": ").Append(message);
        if (args is { Length: > 0 })
        {
            line.Append(" [").Append(string.Join(", ", args)).Append(']');
        }

        Console.WriteLine(line.ToString());
    }

    private static void WriteLevelAndExceptionToConsole(string level, Exception exception, string message, object[] args)
    {
        WriteLevelToConsole(level, message, args);
        Console.WriteLine(exception);
    }
#endif
}
