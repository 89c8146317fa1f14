using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class TerraformReaderTests
{
    private static readonly ProjectIdentity Orders = new("/repo/src/Orders/", "Orders", "Orders");

    private static LambdaConfigModel Read(string path, string text) =>
        LambdaConfigFiles.Read(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(path, text)), CancellationToken.None);

    private static (int Line, int Column) Start(Location location) =>
        (location.GetLineSpan().StartLinePosition.Line + 1, location.GetLineSpan().StartLinePosition.Character + 1);

    [Theory]
    [InlineData("/repo/infra/main.tf", "Terraform")]
    [InlineData("C:\\repo\\infra\\Lambda.TF", "Terraform")]
    [InlineData("/repo/serverless.yml", "ServerlessFramework")]
    [InlineData("/repo/Serverless.YAML", "ServerlessFramework")]
    public void Recognises_terraform_and_serverless_files(string path, string kind) => Assert.Equal(kind, LambdaConfigFiles.KindOf(path)?.ToString());

    [Theory]
    [InlineData("/repo/.tf")]
    [InlineData("/repo/main.tfvars")]
    [InlineData("/repo/main.tf.json")]
    public void Ignores_other_terraform_names(string path) => Assert.Null(LambdaConfigFiles.KindOf(path));

    [Fact]
    public void Reads_a_function_traced_through_its_archive()
    {
        var model = Read("/repo/infra/main.tf", HclReaderTests.RealisticFile);
        Assert.Empty(model.Errors);
        var function = Assert.Single(model.Functions);
        Assert.Equal(ConfigFileKind.Terraform, function.Kind);
        Assert.Equal("orders", function.LogicalId);
        Assert.Equal("Orders::Orders.Function::Handle", function.Handler!.Value);
        Assert.Equal((37, 22), Start(function.Handler.Location));
        Assert.Equal("dotnet8", function.Runtime!.Value);
        Assert.Equal(512, function.MemorySize!.Value);
        Assert.Equal(30, function.Timeout!.Value);
        Assert.Equal(0, function.LayerCount!.Value);
        Assert.Equal(new[] { "TABLE", "STAGE", "QUOTED" }, function.EnvironmentVariables.Select(v => v.Name.Value));
        Assert.True(function.EnvironmentVariables[0].Value!.IsIntrinsic);
        Assert.Equal(CodeSource.BuildOutput, function.CodeSource);
        Assert.Equal("/repo/src/Orders/bin/Release/net8.0/publish", function.CodeOutputPath);
        Assert.True(function.CodeUri!.IsIntrinsic);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(Orders));
        Assert.Equal(ProjectMatch.Unknown, function.BelongsTo(new ProjectIdentity("/repo/src/Billing/", "Billing", "Billing")));
    }

    [Fact]
    public void A_literal_filename_is_traced_to_the_archive_that_writes_it()
    {
        var function = Assert.Single(Read("/repo/deploy/lambda.tf", """
            data "archive_file" "zip" {
              type        = "zip"
              source_dir  = "../src/Orders/bin/Release/net8.0/linux-x64/publish"
              output_path = "${path.module}/build/orders.zip"
            }

            resource "aws_lambda_function" "fn" {
              filename = "build/orders.zip"
              handler  = "bootstrap"
              runtime  = "provided.al2023"
            }
            """).Functions);
        Assert.Equal("/repo/src/Orders/bin/Release/net8.0/linux-x64/publish", function.CodeOutputPath);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(Orders));
    }

    [Theory]
    [InlineData("\"../dist/Orders.zip\"", "Yes")]
    [InlineData("\"../dist/orders.ZIP\"", "Yes")]
    [InlineData("\"${path.module}/../src/Orders/bin/Release/net8.0/Orders.zip\"", "Yes")]
    [InlineData("\"../dist/billing.zip\"", "Unknown")]
    [InlineData("var.package", "Unknown")]
    [InlineData("\"${var.dist}/Orders.zip\"", "Unknown")]
    [InlineData("local.zip", "Unknown")]
    public void A_zip_is_this_project_when_under_its_folder_or_named_after_it(string filename, string match)
    {
        var function = Assert.Single(Read("/repo/infra/main.tf", $$"""
            resource "aws_lambda_function" "fn" {
              filename = {{filename}}
              handler  = "Other::Other.Function::Handle"
              runtime  = "dotnet8"
            }
            """).Functions);
        Assert.Equal(match, function.BelongsTo(Orders).ToString());
    }

    [Fact]
    public void A_handler_string_naming_this_assembly_claims_a_function_whose_code_is_unknown()
    {
        var function = Assert.Single(Read("/repo/infra/main.tf", """
            resource "aws_lambda_function" "fn" {
              filename = var.package
              handler  = "Orders::Orders.Function::Handle"
              runtime  = "dotnet8"
            }
            """).Functions);
        Assert.Equal(CodeSource.Intrinsic, function.CodeSource);
        Assert.Equal(ProjectMatch.Yes, function.BelongsTo(Orders));
        Assert.Equal(ProjectMatch.Unknown, function.BelongsTo(new ProjectIdentity("/repo/src/Billing/", "Billing", "Billing")));
    }

    [Fact]
    public void S3_and_image_functions_are_built_elsewhere()
    {
        var model = Read("/repo/infra/main.tf", """
            resource "aws_lambda_function" "s3" {
              s3_bucket = "artifacts"
              s3_key    = "orders.zip"
              handler   = "Orders::Orders.Function::Handle"
              runtime   = "dotnet8"
            }

            resource "aws_lambda_function" "image" {
              package_type = "Image"
              image_uri    = "123.dkr.ecr.us-east-1.amazonaws.com/orders:latest"
            }
            """);
        Assert.All(model.Functions, f => Assert.Equal(CodeSource.External, f.CodeSource));
        Assert.False(model.Functions[0].IsImage);
        Assert.True(model.Functions[1].IsImage);
    }

    [Fact]
    public void References_and_expressions_are_intrinsic()
    {
        var function = Assert.Single(Read("/repo/infra/main.tf", """
            resource "aws_lambda_function" "fn" {
              filename    = "orders.zip"
              handler     = local.handler
              runtime     = var.runtime
              memory_size = var.big ? 4096 : 512
              timeout     = "${var.timeout}"
              layers      = concat(var.layers, ["arn:extra"])
              ephemeral_storage { size = 20480 }
              environment { variables = merge(var.env, { A = "1" }) }
            }
            """).Functions);
        Assert.True(function.Handler!.IsIntrinsic);
        Assert.True(function.Runtime!.IsIntrinsic);
        Assert.True(function.MemorySize!.IsIntrinsic);
        Assert.True(function.Timeout!.IsIntrinsic);
        Assert.True(function.LayerCount!.IsIntrinsic);
        Assert.Equal(20480, function.EphemeralStorage!.Value);
        Assert.Empty(function.EnvironmentVariables);
    }

    [Fact]
    public void Reads_every_function_of_a_file_and_nothing_else()
    {
        var model = Read("/repo/infra/main.tf", """
            resource "aws_lambda_function" "a" { handler = "A::A.F::H" }
            resource "aws_lambda_function" "b" { handler = "B::B.F::H" }
            resource "aws_lambda_permission" "p" { function_name = aws_lambda_function.a.function_name }
            module "lambda" {
              source  = "terraform-aws-modules/lambda/aws"
              handler = "C::C.F::H"
            }
            """);
        Assert.Equal(new[] { "a", "b" }, model.Functions.Select(f => f.LogicalId));
    }

    [Fact]
    public void A_malformed_file_is_one_error_and_no_function()
    {
        var model = Read("/repo/infra/main.tf", """
            resource "aws_lambda_function" "fn" {
              handler = "A::B::C"
              runtime = "dotnet8
            }
            """);
        Assert.Empty(model.Functions);
        var error = Assert.Single(model.Errors);
        Assert.Equal((3, 13), Start(error.Location));
        Assert.Equal("HCL", LambdaConfigFiles.LanguageOf(model.Files[0].Kind));
    }
}
