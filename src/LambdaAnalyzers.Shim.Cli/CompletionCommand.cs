using System.CommandLine;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim completion bash|zsh|pwsh</c>: a shell script that asks lambda-shim itself what completes the word under
/// the cursor, through System.CommandLine's <c>[suggest:POSITION]</c> directive (the one <c>dotnet-suggest</c> calls), so
/// commands, options, their values (<c>--mode</c>, <c>--http-api</c>, <c>--roll-forward</c>) and sample event names complete
/// without installing anything else. <c>eval "$(lambda-shim completion bash)"</c> in <c>~/.bashrc</c> turns it on.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # lambda-shim tab completion: every candidate comes from `lambda-shim [suggest:POSITION] "LINE"`.
        _lambda_shim_complete() {
            local IFS=$'\n'
            local candidates
            candidates="$(lambda-shim "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)"
            COMPREPLY=( $(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _lambda_shim_complete lambda-shim

        """;

    private const string Zsh = "autoload -U +X bashcompinit && bashcompinit\n" + Bash;

    private const string PowerShell = """
        # lambda-shim tab completion: every candidate comes from `lambda-shim [suggest:POSITION] "LINE"`.
        Register-ArgumentCompleter -Native -CommandName lambda-shim -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            lambda-shim "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to print the completion script for." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command(
            "completion",
            "Prints the tab-completion script of a shell; e.g. add `eval \"$(lambda-shim completion bash)\"` to ~/.bashrc.")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            System.Console.Out.Write(parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => PowerShell,
            });
            return 0;
        });
        return command;
    }
}
