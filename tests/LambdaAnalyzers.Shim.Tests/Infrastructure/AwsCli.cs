using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>The AWS CLI (v1 or v2) when this machine has one: <c>aws lambda invoke</c> against a shim's Invoke API.</summary>
internal static class AwsCli
{
    /// <summary>The <c>aws</c> executable on PATH or in the user's pyenv shims; null when there is none.</summary>
    public static string? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "shims"));
        return folders.Where(d => d.Length > 0).Select(d => Path.Combine(d, "aws")).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// <c>aws lambda invoke --endpoint-url ENDPOINT --function-name NAME --payload fileb://… --log-type Tail OUT</c>
    /// with dummy credentials: the CLI's JSON answer and the response payload it wrote.
    /// </summary>
    public static async Task<(JsonDocument Answer, string Payload)> InvokeAsync(string aws, Uri endpoint, string functionName, string payload)
    {
        var outFile = Path.Combine(Path.GetTempPath(), $"shim-cli-{Guid.NewGuid():N}.json");
        var inFile = outFile + ".in";
        try
        {
            // fileb:// reads the payload as bytes in both CLI v1 and v2.
            await File.WriteAllTextAsync(inFile, payload);
            var info = new ProcessStartInfo(aws)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "lambda", "invoke", "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--function-name", functionName,
                "--payload", "fileb://" + inFile, "--log-type", "Tail", outFile,
            })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["AWS_ACCESS_KEY_ID"] = "shim";
            info.Environment["AWS_SECRET_ACCESS_KEY"] = "shim";
            info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
            info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"aws lambda invoke --function-name {functionName} exited {process.ExitCode}: {await stderr}");
            }

            return (JsonDocument.Parse(await stdout), await File.ReadAllTextAsync(outFile));
        }
        finally
        {
            File.Delete(outFile);
            File.Delete(inFile);
        }
    }
}
