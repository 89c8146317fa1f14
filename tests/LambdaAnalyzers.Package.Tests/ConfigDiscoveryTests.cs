using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Package.Tests;

/// <summary>
/// The packed package's build targets finding a repository's deployment files: each test lays out a
/// small repository, runs only the discovery targets of the packed buildTransitive files on a project
/// in it (no restore, no compile) and reads the AdditionalFiles the compiler would get.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ConfigDiscoveryTests : IDisposable
{
    private const string Function = "resource \"aws_lambda_function\" \"fn\" {\n  handler = \"Fn::Fn.Function::Handle\"\n}\n";

    private readonly PackedPackages _packages;
    private readonly string _root;

    public ConfigDiscoveryTests(PackedPackages packages)
    {
        _packages = packages;
        _root = Path.Combine(packages.Work, "discovery", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    /// <summary>The buildTransitive folder of the packed analyzer package, extracted once.</summary>
    private string BuildFiles
    {
        get
        {
            var folder = Path.Combine(_packages.Work, "packed-buildTransitive");
            lock (typeof(ConfigDiscoveryTests))
            {
                if (!Directory.Exists(folder))
                {
                    using var zip = ZipFile.OpenRead(_packages.AnalyzerPackage);
                    Directory.CreateDirectory(folder);
                    foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("buildTransitive/", StringComparison.Ordinal)))
                    {
                        entry.ExtractToFile(Path.Combine(folder, entry.Name));
                    }
                }
            }

            return folder + Path.DirectorySeparatorChar;
        }
    }

    [Fact]
    public async Task Walks_up_to_the_git_root_and_looks_beside_the_code()
    {
        Write("outside/template.yaml", "Resources: {}");
        Write("outside/repo/.git/HEAD", "ref: refs/heads/main");
        Write("outside/repo/template.yaml", "Resources: {}");
        Write("outside/repo/serverless.yml", "service: shop");
        Write("outside/repo/src/serverless.yaml", "service: web");
        Write("outside/repo/src/template.yml", "Resources: {}");
        Write("outside/repo/infra/main.tf", Function);
        Write("outside/repo/infra/variables.tf", "variable \"prefix\" {}\n");
        Write("outside/repo/infra/envs/prod/lambda.tf", Function);
        Write("outside/repo/infra/envs/prod/deep/too-deep.tf", Function);
        Write("outside/repo/infra/.terraform/modules/lambda.tf", Function);
        Write("outside/repo/deploy/sam/template.yaml", "Resources: {}");
        Write("outside/repo/docs/template.yaml", "Resources: {}");
        Write("outside/repo/src/Fn/aws-lambda-tools-defaults.json", """{ "function-handler": "Fn::Fn.Function::Handle", "template": "../../stacks/app.yaml" }""");
        Write("outside/repo/stacks/app.yaml", "Resources: {}");

        var found = await AdditionalFiles("outside/repo/src/Fn");

        Assert.Equal(
            new[]
            {
                "outside/repo/deploy/sam/template.yaml",
                "outside/repo/infra/envs/prod/lambda.tf",
                "outside/repo/infra/main.tf",
                "outside/repo/serverless.yml",
                "outside/repo/src/Fn/aws-lambda-tools-defaults.json",
                "outside/repo/src/serverless.yaml",
                "outside/repo/src/template.yml",
                "outside/repo/stacks/app.yaml",
                "outside/repo/template.yaml",
            },
            found);
    }

    [Fact]
    public async Task A_git_file_marks_the_root_of_a_worktree()
    {
        Write("template.yaml", "Resources: {}");
        Write("wt/.git", "gitdir: ../main/.git/worktrees/wt");
        Write("wt/serverless.yml", "service: shop");

        Assert.Equal(new[] { "wt/serverless.yml" }, await AdditionalFiles("wt/src/Fn"));
    }

    [Fact]
    public async Task A_repository_root_above_the_users_home_does_not_count()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main");
        Write("repo/template.yaml", "Resources: {}");
        Write("repo/home/src/Fn/template.yaml", "Resources: {}");

        var found = await AdditionalFiles("repo/home/src/Fn", home: "repo/home");

        Assert.Equal(new[] { "repo/home/src/Fn/template.yaml" }, found);
    }

    [Fact]
    public async Task Without_a_repository_only_the_project_folder_is_searched()
    {
        Write("loose/template.yaml", "Resources: {}");
        Write("loose/infra/main.tf", Function);
        Write("loose/Fn/template.yaml", "Resources: {}");
        Write("loose/Fn/infra/main.tf", Function);

        Assert.Equal(new[] { "loose/Fn/infra/main.tf", "loose/Fn/template.yaml" }, await AdditionalFiles("loose/Fn"));
    }

    /// <summary>
    /// A custom runtime's own bootstrap script, copied into the package beside the executable it starts (the pattern of
    /// .NET Core 3.x functions on <c>provided</c>), reaches LAM0300, which then asks for no executable named bootstrap.
    /// A bootstrap file that is not copied anywhere is not deployed and does not count.
    /// </summary>
    [Fact]
    public async Task The_projects_own_bootstrap_script_counts_when_it_is_copied_to_the_output_or_publish_folder()
    {
        Write("copied/Fn/bootstrap", "#!/bin/sh\n/var/task/Fn\n");
        Write("published/Fn/bootstrap", "#!/bin/sh\n/var/task/Fn\n");
        Write("kept/Fn/bootstrap", "#!/bin/sh\n/var/task/Fn\n");

        Assert.Equal(
            new[] { "copied/Fn/bootstrap" },
            await AdditionalFiles("copied/Fn", """<ItemGroup><Content Include="bootstrap" CopyToOutputDirectory="Always" /></ItemGroup>"""));
        Assert.Equal(
            new[] { "published/Fn/bootstrap" },
            await AdditionalFiles("published/Fn", """<ItemGroup><None Include="bootstrap" CopyToPublishDirectory="PreserveNewest" /></ItemGroup>"""));
        Assert.Empty(await AdditionalFiles("kept/Fn", """<ItemGroup><None Include="bootstrap" /><Content Include="other.sh" CopyToOutputDirectory="Always" /></ItemGroup>"""));
    }

    [Fact]
    public async Task Files_the_project_lists_itself_are_not_added_twice()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main");
        Write("repo/template.yaml", "Resources: {}");
        Write("repo/serverless.yml", "service: shop");

        var found = await AdditionalFiles("repo/src/Fn", """<ItemGroup><AdditionalFiles Include="../../template.yaml" /></ItemGroup>""");

        Assert.Equal(new[] { "repo/serverless.yml", "repo/template.yaml" }, found);
    }

    [Fact]
    public async Task LambdaAnalyzersConfigFiles_false_finds_nothing_and_keeps_the_listed_files()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main");
        Write("repo/template.yaml", "Resources: {}");
        Write("repo/infra/main.tf", Function);
        Write("repo/src/Fn/aws-lambda-tools-defaults.json", "{}");
        Write("repo/stacks/app.yaml", "Resources: {}");

        var found = await AdditionalFiles(
            "repo/src/Fn", """<ItemGroup><AdditionalFiles Include="../../stacks/app.yaml" /></ItemGroup>""", new[] { "-p:LambdaAnalyzersConfigFiles=false" }, home: null);

        Assert.Equal(new[] { "repo/stacks/app.yaml" }, found);
    }

    [Fact]
    public async Task LambdaAnalyzersConfigFolders_adds_folder_names()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main");
        Write("repo/stacks/lambda.tf", Function);

        Assert.Empty(await AdditionalFiles("repo/src/Fn"));
        Assert.Equal(
            new[] { "repo/stacks/lambda.tf" },
            await AdditionalFiles("repo/src/Fn", "<PropertyGroup><LambdaAnalyzersConfigFolders>$(LambdaAnalyzersConfigFolders);stacks</LambdaAnalyzersConfigFolders></PropertyGroup>"));
    }

    [Fact]
    public async Task Properties_set_only_under_a_condition_are_made_visible()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main");
        Write("repo/Directory.Build.props", """
            <Project>
              <Choose>
                <When Condition="'$(RuntimeIdentifier)' != ''">
                  <PropertyGroup><PublishAot>true</PublishAot></PropertyGroup>
                </When>
              </Choose>
            </Project>
            """);
        var project = Probe("repo/src/Fn", """
            <PropertyGroup>
              <OutputType>Exe</OutputType>
              <TargetFramework>net10.0</TargetFramework>
              <AssemblyName Condition="'$(Configuration)' == 'Release'">bootstrap</AssemblyName>
            </PropertyGroup>
            """);

        var query = (await DotNet.RunAsync(
            Path.GetDirectoryName(project)!,
            new Dictionary<string, string>(),
            "msbuild", project, "-t:LambdaAnalyzersFindConditionalProperties", "-getProperty:LambdaAnalyzersConditionalProperties",
            $"-p:DirectoryBuildPropsPath={Path.Combine(_root, "repo", "Directory.Build.props")}")).EnsureSuccess();

        Assert.Equal("AssemblyName;PublishAot", query.Output.Trim());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The fixture removes the whole work folder at the end.
        }
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A project importing the packed build files as NuGet imports them, props first and targets last.</summary>
    private string Probe(string folder, string projectItems)
    {
        var project = Path.Combine(_root, folder, "Fn.proj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{BuildFiles}LambdaAnalyzers.props" />
              {projectItems}
              <Import Project="{BuildFiles}LambdaAnalyzers.targets" />
            </Project>
            """);
        return project;
    }

    /// <summary>The AdditionalFiles after the package's discovery ran, relative to the test folder, sorted.</summary>
    private Task<string[]> AdditionalFiles(string folder, string projectItems = "", string? home = null) =>
        AdditionalFiles(folder, projectItems, Array.Empty<string>(), home);

    private async Task<string[]> AdditionalFiles(string folder, string projectItems, string[] properties, string? home)
    {
        var project = Probe(folder, projectItems);
        var environment = new Dictionary<string, string> { ["HOME"] = home is null ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : Path.Combine(_root, home) };
        var arguments = new List<string> { "msbuild", project, "-t:LambdaAnalyzersAddConfigFiles", "-getItem:AdditionalFiles" };
        arguments.AddRange(properties);
        var query = (await DotNet.RunAsync(Path.GetDirectoryName(project)!, environment, arguments.ToArray())).EnsureSuccess();
        using var json = JsonDocument.Parse(query.Output);
        if (!json.RootElement.GetProperty("Items").TryGetProperty("AdditionalFiles", out var items))
        {
            return Array.Empty<string>();
        }

        return items.EnumerateArray()
            .Select(item => Path.GetRelativePath(_root, item.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();
    }
}
