using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>Starts Functions/TestFunction out of process.</summary>
internal static class TestFunctionHost
{
    public static async Task<LambdaShim> StartAsync(Action<LambdaShimOptions>? configure = null)
    {
        var options = new LambdaShimOptions
        {
            CodePath = await FunctionBuild.TestFunction,
            FunctionName = "test-function",
            Handler = "TestFunction",
            Timeout = TimeSpan.FromSeconds(20),
            MemorySizeMB = 256,
        };
        configure?.Invoke(options);
        return await LambdaShim.StartAsync(options);
    }

    /// <summary>Pids of live processes whose environment holds <paramref name="marker"/> (e.g. an environment's TMPDIR).</summary>
    public static IReadOnlyList<int> ProcessesWithEnvironment(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environ = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "environ")));
                if (environ.Split('\0').Contains("TMPDIR=" + marker))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
