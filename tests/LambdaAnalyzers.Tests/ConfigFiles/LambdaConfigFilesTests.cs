using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class LambdaConfigFilesTests
{
    private static LambdaConfigModel Read(params InMemoryAdditionalText[] files) => LambdaConfigFiles.Read(files.ToImmutableArray<AdditionalText>(), CancellationToken.None);

    private static (int Line, int Column) Start(Location location) =>
        (location.GetLineSpan().StartLinePosition.Line + 1, location.GetLineSpan().StartLinePosition.Character + 1);

    [Theory]
    [InlineData("/p/aws-lambda-tools-defaults.json", "ToolsDefaults")]
    [InlineData("C:\\p\\AWS-Lambda-Tools-Defaults.JSON", "ToolsDefaults")]
    [InlineData("/p/serverless.template", "JsonTemplate")]
    [InlineData("/p/Template.YAML", "YamlTemplate")]
    [InlineData("template.yml", "YamlTemplate")]
    public void Recognises_config_files_by_name(string path, string kind) => Assert.Equal(kind, LambdaConfigFiles.KindOf(path)?.ToString());

    [Theory]
    [InlineData("/p/appsettings.json")]
    [InlineData("/p/my-template.yaml")]
    [InlineData("/p/serverless.template.bak")]
    public void Ignores_other_files(string path) => Assert.Null(LambdaConfigFiles.KindOf(path));

    [Fact]
    public void Reads_the_tools_defaults()
    {
        var model = Read(new InMemoryAdditionalText("/repo/fn/aws-lambda-tools-defaults.json", """
            {
              "Information": ["comment lines the templates carry"],
              "profile": "",
              "configuration": "Release",
              "framework": "net8.0",
              "function-runtime": "dotnet8",
              "function-memory-size": 512,
              "function-timeout": "30",
              "function-handler": "Fn::Fn.Function::Handle",
              "function-name": "orders",
              "function-layers": ["arn:a", "arn:b"],
              "environment-variables": "A=1;B=x=y;;C",
              "msbuild-parameters": "--self-contained true /p:AssemblyName=bootstrap"
            }
            """));
        var function = Assert.Single(model.Functions);
        Assert.Equal(ConfigFileKind.ToolsDefaults, function.Kind);
        Assert.Null(function.LogicalId);
        Assert.Equal("Fn::Fn.Function::Handle", function.Handler!.Value);
        Assert.Equal((9, 23), Start(function.Handler.Location));
        Assert.Equal("dotnet8", function.Runtime!.Value);
        Assert.Equal(512, function.MemorySize!.Value);
        Assert.Equal(30, function.Timeout!.Value);
        Assert.Equal("orders", function.FunctionName!.Value);
        Assert.Equal(2, function.LayerCount!.Value);
        Assert.Equal(new[] { "A", "B", "C" }, function.EnvironmentVariables.Select(v => v.Name.Value));
        Assert.Equal("x=y", function.EnvironmentVariables[1].Value!.Value);
        Assert.Equal((12, 33), Start(function.EnvironmentVariables[1].Name.Location));
        Assert.Equal("/repo/fn", function.CodeDirectory);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(ProjectIdentity.InDirectory("/repo/fn/")));
        Assert.Equal(ProjectMatch.No, function.BelongsTo(ProjectIdentity.InDirectory("/repo/other")));
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(ProjectIdentity.InDirectory(null)));

        var tools = Assert.Single(model.ToolsDefaults);
        Assert.Equal("net8.0", tools.Framework!.Value);
        Assert.Equal("bootstrap", tools.MsBuildProperties["assemblyname"]);
        Assert.Equal("true", tools.MsBuildProperties["SelfContained"]);
        Assert.Equal("bootstrap", model.ToolsMsBuildProperties("/repo/fn")["AssemblyName"]);
        Assert.Empty(model.ToolsMsBuildProperties("/repo/other"));
    }

    [Fact]
    public void Tools_defaults_without_function_settings_declare_no_function()
    {
        var model = Read(new InMemoryAdditionalText("/repo/fn/aws-lambda-tools-defaults.json", """{ "template": "serverless.template", "msbuild-parameters": "-p:PublishAot=true" }"""));
        Assert.Empty(model.Functions);
        Assert.Equal("serverless.template", model.ToolsDefaults[0].Template!.Value);
        Assert.Equal("true", model.ToolsDefaults[0].MsBuildProperties["PublishAot"]);
    }

    [Fact]
    public void Applies_sam_globals_the_way_sam_does()
    {
        var model = Read(new InMemoryAdditionalText("/repo/template.yaml", """
            Globals:
              Function:
                Runtime: dotnet8
                Timeout: 30
                MemorySize: 256
                CodeUri: src/Shared
                Layers: [!Ref Common]
                Environment:
                  Variables:
                    STAGE: prod
                    TABLE: orders
            Resources:
              Inherits:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: A::A.F::H
              Overrides:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: B::B.F::H
                  Runtime: provided.al2023
                  Timeout: 60
                  CodeUri: ./src/B/
                  Layers: [x, y]
                  Environment:
                    Variables:
                      TABLE: audit
                      EXTRA: "1"
              Plain:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: C::C.F::H
                  Code: {S3Bucket: b, S3Key: k}
            """));
        Assert.Equal(new[] { "Inherits", "Overrides", "Plain" }, model.Functions.Select(f => f.LogicalId));
        var inherits = model.Functions[0];
        Assert.Equal("dotnet8", inherits.Runtime!.Value);
        Assert.Equal((3, 14), Start(inherits.Runtime.Location));
        Assert.Equal(30, inherits.Timeout!.Value);
        Assert.Equal(256, inherits.MemorySize!.Value);
        Assert.Equal("/repo/src/Shared", inherits.CodeDirectory);
        Assert.Equal(1, inherits.LayerCount!.Value);
        Assert.Equal(new[] { "STAGE", "TABLE" }, inherits.EnvironmentVariables.Select(v => v.Name.Value));

        var overrides = model.Functions[1];
        Assert.Equal("provided.al2023", overrides.Runtime!.Value);
        Assert.Equal(60, overrides.Timeout!.Value);
        Assert.Equal(256, overrides.MemorySize!.Value);
        Assert.Equal("/repo/src/B", overrides.CodeDirectory);
        Assert.Equal(ProjectMatch.Yes, overrides.BelongsTo(ProjectIdentity.InDirectory("/repo/src/B/")));
        Assert.Equal(3, overrides.LayerCount!.Value);
        Assert.Equal((24, 15), Start(overrides.LayerCount.Location));
        Assert.Equal(new[] { "STAGE", "TABLE", "EXTRA" }, overrides.EnvironmentVariables.Select(v => v.Name.Value));
        Assert.Equal("audit", overrides.EnvironmentVariables[1].Value!.Value);
        Assert.Equal((27, 11), Start(overrides.EnvironmentVariables[1].Name.Location));

        var plain = model.Functions[2];
        Assert.Null(plain.Runtime);
        Assert.Null(plain.Timeout);
        Assert.Equal(CodeSource.External, plain.CodeSource);
        Assert.Equal(ProjectMatch.Unknown, plain.BelongsTo(ProjectIdentity.InDirectory("/repo")));
    }

    [Fact]
    public void Marks_intrinsic_values()
    {
        var model = Read(new InMemoryAdditionalText("/repo/fn/serverless.template", """
            {
              "Resources": {
                "Fn": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": {
                    "Handler": { "Fn::Sub": "${Assembly}::Fn.Function::Handle" },
                    "Runtime": { "Ref": "Runtime" },
                    "CodeUri": "",
                    "MemorySize": { "Fn::If": ["Big", 4096, 512] },
                    "Timeout": 15
                  }
                }
              }
            }
            """));
        var function = Assert.Single(model.Functions);
        Assert.True(function.Handler!.IsIntrinsic);
        Assert.True(function.Runtime!.IsIntrinsic);
        Assert.True(function.MemorySize!.IsIntrinsic);
        Assert.False(function.Timeout!.IsIntrinsic);
        Assert.Equal(ConfigFileKind.JsonTemplate, function.Kind);
        Assert.Equal(CodeSource.LocalPath, function.CodeSource);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(ProjectIdentity.InDirectory("/repo/fn")));
    }

    [Fact]
    public void Yaml_tags_make_values_intrinsic_and_keep_their_text()
    {
        var function = Assert.Single(Read(new InMemoryAdditionalText("/repo/template.yaml", """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: !Sub '${AssemblyName}::Fn.Function::Handle'
                  CodeUri: !Ref CodeLocation
                  Runtime: !FindInMap [Runtimes, !Ref Arch, Name]
            """)).Functions);
        Assert.True(function.Handler!.IsIntrinsic);
        Assert.Equal("${AssemblyName}::Fn.Function::Handle", function.Handler.Value);
        Assert.Equal(CodeSource.Intrinsic, function.CodeSource);
        Assert.Equal(ProjectMatch.Unknown, function.BelongsTo(ProjectIdentity.InDirectory("/repo")));
        Assert.True(function.Runtime!.IsIntrinsic);
    }

    [Fact]
    public void Reads_a_template_the_tools_defaults_name()
    {
        var model = Read(
            new InMemoryAdditionalText("/repo/fn/aws-lambda-tools-defaults.json", """{ "template": "deploy/app.json" }"""),
            new InMemoryAdditionalText("/repo/fn/deploy/app.json", """{ "Resources": { "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "CodeUri": "..", "Runtime": "dotnet8" } } } }"""),
            new InMemoryAdditionalText("/repo/fn/unrelated.json", "{ broken"));
        var function = Assert.Single(model.Functions);
        Assert.Equal("/repo/fn/deploy/app.json", function.FilePath);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(ProjectIdentity.InDirectory("/repo/fn")));
        Assert.Empty(model.Errors);
    }

    [Fact]
    public void Reports_one_error_per_unreadable_file_with_its_position()
    {
        var model = Read(new InMemoryAdditionalText("/repo/template.yaml", "Resources:\n  Fn:\n\tType: x\n"), new InMemoryAdditionalText("/repo/serverless.template", "{"));
        Assert.Equal(2, model.Errors.Length);
        Assert.Equal((3, 1), Start(model.Errors[0].Location));
        Assert.Equal("/repo/template.yaml", model.Errors[0].Location.GetLineSpan().Path);
        Assert.Empty(model.Functions);
    }

    [Fact]
    public void Parses_each_text_once()
    {
        var file = new InMemoryAdditionalText("/repo/template.yaml", "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n");
        var first = Read(file);
        var second = Read(file);
        Assert.Same(first.Files[0], second.Files[0]);
        Assert.Same(first.Functions[0], second.Functions[0]);
    }

    [Theory]
    [InlineData("/p:AssemblyName=bootstrap", "AssemblyName", "bootstrap")]
    [InlineData("-p:A=1;AssemblyName=\"bootstrap\"", "AssemblyName", "bootstrap")]
    [InlineData("--property:OutputType=Exe -c Release", "OutputType", "Exe")]
    [InlineData("/property:PublishAot=true", "PublishAot", "true")]
    [InlineData("--self-contained", "SelfContained", "true")]
    [InlineData("--self-contained false /p:X=1", "SelfContained", "false")]
    [InlineData("--no-self-contained", "SelfContained", "false")]
    [InlineData("/p:AssemblyName=a /p:assemblyname=b", "AssemblyName", "b")]
    public void Reads_msbuild_parameters(string parameters, string property, string value) =>
        Assert.Equal(value, MsBuildParameters.Parse(parameters)[property]);

    [Theory]
    [InlineData("/repo/src/Fn", "/repo/src/Fn/", true)]
    [InlineData("/repo/src/Fn/bin/Release/net8.0/publish", "/repo/src/Fn", true)]
    [InlineData("/repo/src/FnOther", "/repo/src/Fn", false)]
    [InlineData("C:\\repo\\src\\Fn", "c:/repo/src/fn/", true)]
    [InlineData("/repo", "/repo/src/Fn", false)]
    public void Compares_code_folders_with_the_project_folder(string code, string project, bool expected) =>
        Assert.Equal(expected, ConfigPaths.IsSameOrUnder(code, project));

    [Theory]
    [InlineData("/repo/deploy", "../src/Fn/", "/repo/src/Fn")]
    [InlineData("/repo", "./src/./Fn", "/repo/src/Fn")]
    [InlineData("/repo", "", "/repo")]
    [InlineData("/repo", "/abs/path", "/abs/path")]
    [InlineData("C:/repo", "src\\Fn", "C:/repo/src/Fn")]
    public void Resolves_code_uris_against_the_template_folder(string directory, string codeUri, string expected) =>
        Assert.Equal(expected, ConfigPaths.Combine(directory, codeUri));
}
