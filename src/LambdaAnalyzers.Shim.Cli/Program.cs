using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim run|serve|events|package|completion</c>, on System.CommandLine: each command has its own options and help
/// (<c>lambda-shim run --help</c>), an option of one command given to another is an error, and shells complete
/// commands, options and their values through System.CommandLine's <c>[suggest]</c> directive.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 1 the function failed (an invoke, the build, Init) or could not start; 2 a usage error,
/// reported on stderr with the command's help.
/// </remarks>
internal static class Program
{
    /// <summary>The exit code of a command line that does not parse.</summary>
    public const int UsageError = 2;

    private static async Task<int> Main(string[] args)
    {
        var root = Create();
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            foreach (var (token, owners) in OptionsOfOtherCommands(parse))
            {
                Console.Error.WriteLine($"{token} is an option of {owners}, not of {parse.CommandResult.Command.Name}.");
            }

            WriteHelp(parse.CommandResult.Command, Console.Error);
            return UsageError;
        }

        // serve handles SIGINT and SIGTERM itself (a clean stop, exit code 0): no forced termination after a grace period.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    /// <summary>The whole command line: <c>run</c>, <c>serve</c>, <c>events</c>, <c>package</c>, <c>completion</c>.</summary>
    internal static RootCommand Create()
    {
        var root = new RootCommand("lambda-shim: runs and serves AWS Lambda functions written in C# locally, through the Runtime API and the full lifecycle.")
        {
            new RunCommand().Command,
            new ServeCommand().Command,
            EventsCommand.Create(),
            PackageCommand.Create(),
            CompletionCommand.Create(),
        };
        root.SetAction(parse =>
        {
            WriteHelp(parse.CommandResult.Command, Console.Out);
            return 0;
        });
        return root;
    }

    /// <summary>The unmatched tokens of a parse that name an option of another command, with those commands' names.</summary>
    private static IEnumerable<(string Token, string Owners)> OptionsOfOtherCommands(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var siblings = parse.RootCommandResult.Command.Subcommands.Where(c => c != command).ToList();
        foreach (var token in parse.UnmatchedTokens.Where(t => t.StartsWith('-')).Distinct(StringComparer.Ordinal))
        {
            var owners = siblings.Where(c => c.Options.Any(o => o.Name == token || o.Aliases.Contains(token))).Select(c => c.Name).ToList();
            if (owners.Count > 0)
            {
                yield return (token, string.Join(" and ", owners));
            }
        }
    }

    /// <summary>The help of <paramref name="command"/>, as <c>--help</c> prints it.</summary>
    internal static void WriteHelp(Command command, TextWriter output)
    {
        var path = new List<string> { "--help" };
        var current = command;
        while (current is not RootCommand && current.Parents.OfType<Command>().FirstOrDefault() is { } parent)
        {
            path.Insert(0, current.Name);
            current = parent;
        }

        current.Parse(path).Invoke(new InvocationConfiguration { Output = output });
    }
}

/// <summary>What every command's action shares.</summary>
internal static class Actions
{
    /// <summary>
    /// Runs an action; the failures a user can act on (a missing file, a bad configuration, a refused invoke) become one
    /// <c>lambda-shim: reason</c> line on stderr and exit code 1, not a stack trace.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or LambdaServiceException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"lambda-shim: {exception.Message}");
            return 1;
        }
    }
}
