using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Runtime.Tests.Sample;

/// <summary>
/// samples/OrderApi published once per test run, the way its README says: Native AOT for net10.0 (the
/// <c>bootstrap</c> deployed to provided.al2023), and self-contained for net8.0 (only the .NET 10 runtime is
/// installed here, so .NET 8 code runs only with its runtime bundled). The analyzers run during both builds,
/// where warnings (IL2xxx/IL3xxx trim and AOT warnings included) are errors.
/// </summary>
public sealed class OrderApiPublish : IAsyncLifetime
{
    private static readonly string Project = RepoPaths.Combine("samples", "OrderApi", "OrderApi.csproj");
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "orderapi-artifacts");

    /// <summary>The native <c>bootstrap</c> (net10.0, Native AOT).</summary>
    public string AotBootstrap { get; private set; } = null!;

    /// <summary>The <c>bootstrap</c> apphost of the self-contained net8.0 publish.</summary>
    public string Net8Bootstrap { get; private set; } = null!;

    /// <summary>Output of the AOT publish, to check it reported no trim or AOT warning.</summary>
    public string AotPublishOutput { get; private set; } = null!;

    public static string EventPath(string name) => RepoPaths.Combine("samples", "OrderApi", "events", name);

    public async Task InitializeAsync()
    {
        var aot = await PublishAsync("net10.0");
        AotPublishOutput = aot.Output;
        AotBootstrap = Path.Combine(Artifacts, "publish", "OrderApi", "release_net10.0_linux-x64", "bootstrap");

        // PublishAot=false as a global property is harmless (only PublishAot=true reaches the analyzer projects).
        await PublishAsync("net8.0", "-p:PublishAot=false", "--self-contained");
        Net8Bootstrap = Path.Combine(Artifacts, "publish", "OrderApi", "release_net8.0_linux-x64", "bootstrap");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<CommandResult> PublishAsync(string framework, params string[] extra)
    {
        var arguments = new List<string> { "publish", Project, "-c", "Release", "-f", framework, "--artifacts-path", Artifacts, "-nologo" };
        arguments.AddRange(extra);
        return (await DotNet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10), arguments.ToArray())).EnsureSuccess();
    }
}
