using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class ServerlessReaderTests
{
    private const string Path = "/repo/serverless.yml";

    private static readonly ProjectIdentity Orders = new("/repo/src/Orders/", "Orders", "Orders");

    private static LambdaConfigModel Read(string text) =>
        LambdaConfigFiles.Read(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(Path, text)), CancellationToken.None);

    private static (int Line, int Column) Start(Location location) =>
        (location.GetLineSpan().StartLinePosition.Line + 1, location.GetLineSpan().StartLinePosition.Character + 1);

    [Fact]
    public void Functions_inherit_the_provider_settings_and_override_them()
    {
        var model = Read("""
            service: shop
            provider:
              name: aws
              runtime: dotnet8
              memorySize: 512
              timeout: 30
              layers:
                - arn:one
              environment:
                STAGE: prod
                TABLE: orders
            package:
              individually: true
              artifact: src/Orders/bin/Release/net8.0/Orders.zip
            functions:
              createOrder:
                handler: Orders::Orders.Function::Create
              report:
                handler: Reports::Reports.Function::Run
                runtime: provided.al2023
                memorySize: 2048
                timeout: 900
                ephemeralStorageSize: 1024
                layers: [arn:a, arn:b]
                environment:
                  TABLE: audit
                  EXTRA: x
                package:
                  artifact: ./artifacts/reports.zip
            """);
        Assert.Empty(model.Errors);
        var create = model.Functions[0];
        Assert.Equal(ConfigFileKind.ServerlessFramework, create.Kind);
        Assert.Equal("createOrder", create.LogicalId);
        Assert.Equal("Orders::Orders.Function::Create", create.Handler!.Value);
        Assert.Equal((17, 14), Start(create.Handler.Location));
        Assert.Equal("dotnet8", create.Runtime!.Value);
        Assert.Equal((4, 12), Start(create.Runtime.Location));
        Assert.Equal(512, create.MemorySize!.Value);
        Assert.Equal(30, create.Timeout!.Value);
        Assert.Equal(1, create.LayerCount!.Value);
        Assert.Equal(new[] { "STAGE", "TABLE" }, create.EnvironmentVariables.Select(v => v.Name.Value));
        Assert.Equal(CodeSource.BuildOutput, create.CodeSource);
        Assert.Equal("/repo/src/Orders/bin/Release/net8.0/Orders.zip", create.CodeOutputPath);
        Assert.Equal(ProjectMatch.Yes, create.BelongsTo(Orders));

        var report = model.Functions[1];
        Assert.Equal("provided.al2023", report.Runtime!.Value);
        Assert.Equal(2048, report.MemorySize!.Value);
        Assert.Equal(900, report.Timeout!.Value);
        Assert.Equal(1024, report.EphemeralStorage!.Value);
        Assert.Equal(2, report.LayerCount!.Value);
        Assert.Equal(new[] { "STAGE", "TABLE", "EXTRA" }, report.EnvironmentVariables.Select(v => v.Name.Value));
        Assert.Equal("audit", report.EnvironmentVariables[1].Value!.Value);
        Assert.Equal("/repo/artifacts/reports.zip", report.CodeOutputPath);
        Assert.Equal(ProjectMatch.Unknown, report.BelongsTo(Orders));
        Assert.Equal(ProjectMatch.Yes, report.BelongsTo(new ProjectIdentity("/repo/src/Reporting/", "Reporting", "Reports")));
        Assert.Equal(ProjectMatch.Yes, report.BelongsTo(new ProjectIdentity("/repo/src/Reports/", "Reports", "Reports.Function")));
        Assert.Equal("memorySize", report.SettingName(FunctionSetting.MemorySize));
    }

    [Fact]
    public void Serverless_variables_are_intrinsic()
    {
        var function = Assert.Single(Read("""
            provider:
              name: aws
              runtime: ${opt:runtime, 'dotnet8'}
              timeout: ${self:custom.timeout}
              environment: ${file(./env.yml)}
            functions:
              fn:
                handler: ${self:custom.assembly}::Fn.Function::Handle
                layers: ${self:custom.layers}
                environment:
                  ${self:custom.key}: value
                  PLAIN: ${env:PLAIN}
                package:
                  artifact: ${self:custom.dist}/fn.zip
            """).Functions);
        Assert.True(function.Runtime!.IsIntrinsic);
        Assert.True(function.Timeout!.IsIntrinsic);
        Assert.True(function.Handler!.IsIntrinsic);
        Assert.True(function.LayerCount!.IsIntrinsic);
        Assert.True(function.EnvironmentVariables[0].Name.IsIntrinsic);
        Assert.False(function.EnvironmentVariables[1].Name.IsIntrinsic);
        Assert.True(function.EnvironmentVariables[1].Value!.IsIntrinsic);
        Assert.Equal(CodeSource.Intrinsic, function.CodeSource);
        Assert.Equal(ProjectMatch.Unknown, function.BelongsTo(Orders));
    }

    [Fact]
    public void Without_an_artifact_the_handler_string_decides()
    {
        var model = Read("""
            provider: { name: aws, runtime: dotnet8 }
            plugins: [serverless-dotnet]
            functions:
              a: { handler: "Orders::Orders.Function::Handle" }
              b: { handler: "Billing::Billing.Function::Handle" }
            """);
        Assert.All(model.Functions, f => Assert.Equal(CodeSource.External, f.CodeSource));
        Assert.Equal(ProjectMatch.Yes, model.Functions[0].BelongsTo(Orders));
        Assert.Equal(ProjectMatch.Unknown, model.Functions[1].BelongsTo(Orders));
    }

    [Fact]
    public void Reads_functions_written_as_a_list_and_image_functions()
    {
        var model = Read("""
            provider:
              name: aws
            functions:
              - first:
                  handler: A::A.F::H
              - ${file(./more-functions.yml)}
              - second:
                  image: 123.dkr.ecr.us-east-1.amazonaws.com/fn:latest
            """);
        Assert.Equal(new[] { "first", "second" }, model.Functions.Select(f => f.LogicalId));
        Assert.True(model.Functions[1].IsImage);
        Assert.Equal(CodeSource.External, model.Functions[1].CodeSource);
    }

    [Fact]
    public void Services_for_other_clouds_declare_no_lambda_function()
    {
        var model = Read("""
            provider:
              name: azure
              runtime: dotnet8
            functions:
              fn:
                handler: Fn::Fn.F::H
            """);
        Assert.Empty(model.Functions);
    }

    [Fact]
    public void A_malformed_file_is_one_yaml_error()
    {
        var model = Read("provider:\n  name: aws\n\truntime: dotnet8\n");
        Assert.Empty(model.Functions);
        var error = Assert.Single(model.Errors);
        Assert.Equal((3, 1), Start(error.Location));
        Assert.Equal("YAML", LambdaConfigFiles.LanguageOf(model.Files[0].Kind));
    }
}
