using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Runtime.Tests.Sample;

/// <summary>
/// samples/EventsAot published once per test run, both ways its README shows: Native AOT (the <c>bootstrap</c> for
/// provided.al2023) and framework-dependent JIT without an apphost (run as <c>dotnet bootstrap.dll</c> by its generated
/// Main, or as a class library through Lambda's reflection-based serializer). The analyzers and generators run in both
/// builds, where warnings (IL2xxx/IL3xxx trim and AOT warnings included) are errors.
/// </summary>
public sealed class EventsAotPublish : IAsyncLifetime
{
    private static readonly string Project = RepoPaths.Combine("samples", "EventsAot", "EventsAot.csproj");
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "eventsaot-artifacts");

    /// <summary>The native <c>bootstrap</c>.</summary>
    public string AotBootstrap => Path.Combine(AotDirectory, "bootstrap");

    public string AotDirectory { get; } = Path.Combine(Artifacts, "out-aot");

    /// <summary>The JIT publish: <c>bootstrap.dll</c> with its runtimeconfig and deps, no apphost.</summary>
    public string JitDirectory { get; } = Path.Combine(Artifacts, "out-jit");

    /// <summary>Output of the AOT publish, to check it reported no trim or AOT warning.</summary>
    public string AotPublishOutput { get; private set; } = null!;

    /// <summary>How long each publish took (reported by the tests' output, never asserted).</summary>
    public TimeSpan AotPublishTime { get; private set; }

    public TimeSpan JitPublishTime { get; private set; }

    public static string EventPath(string name) => RepoPaths.Combine("samples", "EventsAot", "events", name);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        AotPublishOutput = (await PublishAsync(AotDirectory)).Output;
        AotPublishTime = clock.Elapsed;

        clock.Restart();
        // PublishAot=false as a global property is harmless (only PublishAot=true reaches the analyzer projects).
        await PublishAsync(JitDirectory, "-p:PublishAot=false", "-p:UseAppHost=false", "--self-contained", "false");
        JitPublishTime = clock.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<CommandResult> PublishAsync(string output, params string[] extra)
    {
        var arguments = new List<string> { "publish", Project, "-c", "Release", "--artifacts-path", Artifacts, "-o", output, "-nologo" };
        arguments.AddRange(extra);
        return (await DotNet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10), arguments.ToArray())).EnsureSuccess();
    }
}
