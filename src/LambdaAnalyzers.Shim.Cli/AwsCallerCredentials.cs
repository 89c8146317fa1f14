using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// The caller's AWS credentials and region for the function, as <c>sam local</c> passes them: a named profile of the
/// shared credentials and config files (<c>--profile</c>), else the <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>
/// and <c>AWS_SESSION_TOKEN</c> of the shim's own environment. Nothing is ever made up: without either, the function gets
/// no credentials (as a role-less caller would), and a profile that is missing or does not hold static keys is an error.
/// </summary>
/// <remarks>
/// File locations and keys as the AWS CLI and SDKs document them: <c>AWS_SHARED_CREDENTIALS_FILE</c> (default
/// <c>~/.aws/credentials</c>, sections <c>[name]</c>) and <c>AWS_CONFIG_FILE</c> (default <c>~/.aws/config</c>, sections
/// <c>[profile name]</c> and <c>[default]</c>); keys <c>aws_access_key_id</c>, <c>aws_secret_access_key</c>,
/// <c>aws_session_token</c>, <c>region</c>; the credentials file wins where both hold keys.
/// </remarks>
internal static class AwsCallerCredentials
{
    /// <summary>Settings that get credentials some other way (assume role, SSO, a process, web identity): not resolved here.</summary>
    private static readonly string[] IndirectKeys =
    {
        "role_arn", "source_profile", "credential_source", "credential_process", "sso_session", "sso_start_url", "sso_account_id", "web_identity_token_file",
    };

    /// <summary>The credentials (null: none) and region (null: not said) for <paramref name="profile"/> or the environment.</summary>
    /// <exception cref="InvalidOperationException">The profile is missing, or holds no static keys.</exception>
    public static (AwsCredentials? Credentials, string? Region) Resolve(string? profile, Func<string, string?> environment)
    {
        var environmentRegion = NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION"));
        if (profile is null)
        {
            var keyId = NonEmpty(environment("AWS_ACCESS_KEY_ID"));
            var secret = NonEmpty(environment("AWS_SECRET_ACCESS_KEY"));
            return (keyId is not null && secret is not null ? new AwsCredentials(keyId, secret, NonEmpty(environment("AWS_SESSION_TOKEN"))) : null, environmentRegion);
        }

        var home = NonEmpty(environment("HOME")) ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var credentialsFile = FilePath(environment("AWS_SHARED_CREDENTIALS_FILE"), home, "credentials");
        var configFile = FilePath(environment("AWS_CONFIG_FILE"), home, "config");
        var fromCredentials = Section(ReadIni(credentialsFile), profile);
        var config = ReadIni(configFile);
        var configSection = profile == "default" ? "default" : "profile " + profile;
        var fromConfig = Section(config, configSection) ?? (profile == "default" ? Section(config, "profile default") : null);
        if (fromCredentials is null && fromConfig is null)
        {
            throw new InvalidOperationException($"--profile {profile}: no such profile: neither [{profile}] in {credentialsFile} nor [{configSection}] in {configFile}.");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in new[] { fromConfig, fromCredentials })
        {
            foreach (var pair in section ?? new Dictionary<string, string>())
            {
                settings[pair.Key] = pair.Value;
            }
        }

        var region = environmentRegion ?? (settings.TryGetValue("region", out var configured) ? NonEmpty(configured) : null);
        var accessKeyId = settings.TryGetValue("aws_access_key_id", out var id) ? NonEmpty(id) : null;
        var secretKey = settings.TryGetValue("aws_secret_access_key", out var key) ? NonEmpty(key) : null;
        if (accessKeyId is not null && secretKey is not null)
        {
            return (new AwsCredentials(accessKeyId, secretKey, settings.TryGetValue("aws_session_token", out var token) ? NonEmpty(token) : null), region);
        }

        var indirect = IndirectKeys.FirstOrDefault(settings.ContainsKey);
        throw new InvalidOperationException(indirect is null
            ? $"--profile {profile}: the profile has no aws_access_key_id and aws_secret_access_key."
            : $"--profile {profile}: the profile gets its credentials through {indirect}, which lambda-shim does not resolve; export them "
              + $"(`aws configure export-credentials --profile {profile} --format env`) and run without --profile.");
    }

    private static string FilePath(string? configured, string home, string name) =>
        NonEmpty(configured) is { } path
            ? (path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path.Substring(2)) : path)
            : Path.Combine(home, ".aws", name);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Dictionary<string, string>? Section(Dictionary<string, Dictionary<string, string>> ini, string name) =>
        ini.TryGetValue(name, out var section) ? section : null;

    /// <summary>
    /// An INI file as the AWS tools write it: <c>[section]</c> headers, <c>key = value</c> lines, <c>#</c> and <c>;</c>
    /// comment lines; indented lines continue a nested setting (e.g. <c>s3 =</c>) and are skipped. A missing file is empty.
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> ReadIni(string path)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return sections;
        }

        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' || char.IsWhiteSpace(raw[0]))
            {
                continue;
            }

            if (line[0] == '[' && line.EndsWith(']'))
            {
                var name = string.Join(' ', line.Substring(1, line.Length - 2).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (!sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections[name] = current;
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line.Substring(0, equals).Trim()] = line.Substring(equals + 1).Trim();
            }
        }

        return sections;
    }
}
