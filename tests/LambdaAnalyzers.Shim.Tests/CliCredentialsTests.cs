using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Cli;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The caller's credentials, as <c>sam local</c> passes them: <c>--profile</c> from the shared files, else the shim's own
/// <c>AWS_*</c> variables; never invented. Every test has its own home and files: the real <c>~/.aws</c> is never read.
/// </summary>
public sealed class CliCredentialsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("shim-home-").FullName;

    public void Dispose() => Directory.Delete(_home, true);

    private Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = _home };
        foreach (var (name, value) in variables)
        {
            all[name] = value;
        }

        return name => all.TryGetValue(name, out var value) ? value : null;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_profile_of_the_credentials_file_gives_its_keys_and_token_and_the_config_files_region()
    {
        Write(".aws/credentials", """
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default-secret

            # the one asked for
            [dev]
            aws_access_key_id = AKIADEV
            aws_secret_access_key = dev-secret
            aws_session_token = dev-token
            """);
        Write(".aws/config", """
            [profile dev]
            region = eu-central-1
            s3 =
              max_concurrent_requests = 20
            """);

        var (credentials, region) = AwsCallerCredentials.Resolve("dev", Environment());

        Assert.Equal(new AwsCredentials("AKIADEV", "dev-secret", "dev-token"), credentials);
        Assert.Equal("eu-central-1", region);
    }

    [Fact]
    public void The_file_variables_move_the_files_and_static_keys_in_the_config_file_count()
    {
        var config = Write("elsewhere/cfg", "[profile ci]\naws_access_key_id=AKIACI\naws_secret_access_key=ci-secret\nregion=ap-south-1\n");

        var (credentials, region) = AwsCallerCredentials.Resolve("ci", Environment(("AWS_CONFIG_FILE", config), ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home, "none"))));

        Assert.Equal(new AwsCredentials("AKIACI", "ci-secret"), credentials);
        Assert.Equal("ap-south-1", region);
    }

    [Fact]
    public void The_region_of_the_environment_wins_over_the_profiles_as_the_AWS_tools_do()
    {
        Write(".aws/credentials", "[dev]\naws_access_key_id=A\naws_secret_access_key=S\n");
        Write(".aws/config", "[profile dev]\nregion=eu-central-1\n");

        Assert.Equal("us-west-2", AwsCallerCredentials.Resolve("dev", Environment(("AWS_DEFAULT_REGION", "us-west-2"))).Region);
        Assert.Equal("sa-east-1", AwsCallerCredentials.Resolve("dev", Environment(("AWS_REGION", "sa-east-1"), ("AWS_DEFAULT_REGION", "us-west-2"))).Region);
    }

    [Fact]
    public void A_missing_profile_is_an_error_naming_both_files()
    {
        Write(".aws/credentials", "[dev]\naws_access_key_id=A\naws_secret_access_key=S\n");

        var error = Assert.Throws<InvalidOperationException>(() => AwsCallerCredentials.Resolve("prod", Environment()));

        Assert.Equal(
            $"--profile prod: no such profile: neither [prod] in {Path.Combine(_home, ".aws", "credentials")} nor [profile prod] in {Path.Combine(_home, ".aws", "config")}.",
            error.Message);
    }

    [Theory]
    [InlineData("role_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default", "role_arn")]
    [InlineData("sso_session = corp\nsso_account_id = 123456789012", "sso_session")]
    [InlineData("credential_process = /usr/bin/get-creds", "credential_process")]
    public void A_profile_without_static_keys_is_an_error_that_says_how_to_export_them(string settings, string key)
    {
        Write(".aws/config", $"[profile dev]\n{settings}\n");

        var error = Assert.Throws<InvalidOperationException>(() => AwsCallerCredentials.Resolve("dev", Environment()));

        Assert.Contains($"through {key}, which lambda-shim does not resolve", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure export-credentials --profile dev --format env", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_profile_the_environments_keys_pass_through_and_nothing_is_invented()
    {
        Write(".aws/credentials", "[default]\naws_access_key_id=AKIADEFAULT\naws_secret_access_key=S\n");

        Assert.Equal(
            new AwsCredentials("AKIAENV", "env-secret", "env-token"),
            AwsCallerCredentials.Resolve(null, Environment(("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_SESSION_TOKEN", "env-token"))).Credentials);
        Assert.Null(AwsCallerCredentials.Resolve(null, Environment()).Credentials);
        Assert.Null(AwsCallerCredentials.Resolve(null, Environment(("AWS_ACCESS_KEY_ID", "AKIAENV"))).Credentials);
        Assert.Null(AwsCallerCredentials.Resolve(null, Environment()).Region);
    }

    [Fact]
    public async Task Run_with_a_profile_gives_the_function_its_credentials_and_region()
    {
        var credentials = Write("creds", "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = dev-secret\naws_session_token = dev-token\n");
        Write("cfg", "[profile dev]\nregion = eu-central-1\n");

        var (exit, env, output) = await RunEnvAsync(
            new() { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = Path.Combine(_home, "cfg"), ["AWS_ACCESS_KEY_ID"] = "AKIASHELL", ["AWS_SECRET_ACCESS_KEY"] = "shell" },
            "--profile", "dev");

        Assert.True(exit == 0, output);
        Assert.Equal("AKIADEV", env!.Value.GetProperty("AWS_ACCESS_KEY_ID").GetString());
        Assert.Equal("dev-secret", env.Value.GetProperty("AWS_SECRET_ACCESS_KEY").GetString());
        Assert.Equal("dev-token", env.Value.GetProperty("AWS_SESSION_TOKEN").GetString());
        Assert.Equal("eu-central-1", env.Value.GetProperty("AWS_REGION").GetString());
    }

    [Fact]
    public async Task Run_without_a_profile_passes_the_shells_credentials_and_region_through()
    {
        var (exit, env, output) = await RunEnvAsync(
            new() { ["AWS_ACCESS_KEY_ID"] = "AKIASHELL", ["AWS_SECRET_ACCESS_KEY"] = "shell-secret", ["AWS_SESSION_TOKEN"] = "shell-token", ["AWS_REGION"] = "eu-north-1" });

        Assert.True(exit == 0, output);
        Assert.Equal("AKIASHELL", env!.Value.GetProperty("AWS_ACCESS_KEY_ID").GetString());
        Assert.Equal("shell-secret", env.Value.GetProperty("AWS_SECRET_ACCESS_KEY").GetString());
        Assert.Equal("shell-token", env.Value.GetProperty("AWS_SESSION_TOKEN").GetString());
        Assert.Equal("eu-north-1", env.Value.GetProperty("AWS_REGION").GetString());
    }

    [Fact]
    public async Task Run_with_no_credentials_anywhere_gives_the_function_none()
    {
        Write(".aws/credentials", "[default]\naws_access_key_id=AKIADEFAULT\naws_secret_access_key=S\n");

        var (exit, env, output) = await RunEnvAsync(new(), "--region", "ca-central-1");

        Assert.True(exit == 0, output);
        Assert.False(env!.Value.TryGetProperty("AWS_ACCESS_KEY_ID", out _));
        Assert.False(env.Value.TryGetProperty("AWS_SECRET_ACCESS_KEY", out _));
        Assert.False(env.Value.TryGetProperty("AWS_SESSION_TOKEN", out _));
        Assert.Equal("ca-central-1", env.Value.GetProperty("AWS_REGION").GetString());
    }

    [Fact]
    public async Task Run_with_a_missing_profile_exits_1_with_the_reason_and_starts_nothing()
    {
        var (exit, env, output) = await RunEnvAsync(new(), "--profile", "nope");

        Assert.Equal(1, exit);
        Assert.Null(env);
        Assert.Contains("lambda-shim: --profile nope: no such profile: neither [nope] in ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("INIT_START", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the test function's <c>env</c> op through the tool with only the given AWS variables (and this test's home);
    /// returns the exit code, the function's environment (null when no response) and everything printed.
    /// </summary>
    private async Task<(int Exit, JsonElement? Env, string Output)> RunEnvAsync(Dictionary<string, string> variables, params string[] flags)
    {
        var code = await FunctionBuild.TestFunction;
        var info = CliTests.Tool(new[] { "run", code, "--handler", "TestFunction", "--event", "-", "--json" }.Concat(flags).ToArray());
        foreach (var key in new List<string>(info.Environment.Keys))
        {
            if (key.StartsWith("AWS_", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["HOME"] = _home;
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync("{\"op\":\"env\"}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var output = await stdout;
        JsonElement? env = null;
        if (output.Trim().Length > 0 && JsonDocument.Parse(output.Trim()).RootElement.TryGetProperty("payload", out var payload))
        {
            env = JsonDocument.Parse(payload.GetString()!).RootElement;
        }

        return (process.ExitCode, env, output + await stderr);
    }
}
