using System.Linq;
using LambdaAnalyzers.ConfigFiles;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class HclReaderTests
{
    /// <summary>A Terraform file with most of what real ones hold: every expression form the reader must get through.</summary>
    internal const string RealisticFile = """
        terraform {
          required_providers {
            aws = { source = "hashicorp/aws", version = "~> 5.0" }
          }
        }

        # The function's package, zipped from the publish folder.
        data "archive_file" "orders" {
          type        = "zip"
          source_dir  = "${path.module}/../src/Orders/bin/Release/net8.0/publish"
          output_path = "${path.module}/orders.zip"
        }

        locals {
          name    = "${var.prefix}-orders"
          tags    = merge(var.tags, { Service = "orders" })
          subnets = [for s in data.aws_subnet.private : s.id if s.available]
          by_name = { for k, v in var.functions : k => v.memory... }
          big     = var.memory > 1024 ? true : false
          first   = aws_subnet.private[0].id
          all_ids = aws_subnet.private[*].id
          legacy  = aws_subnet.private.*.id
          neg     = -1 * (2 + 3) % 4
          arn     = provider::aws::arn_parse(var.arn).account_id
          policy  = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
          })
        }

        /* The function itself,
           one of several. */
        resource "aws_lambda_function" "orders" {
          function_name    = local.name
          filename         = data.archive_file.orders.output_path
          source_code_hash = data.archive_file.orders.output_base64sha256
          handler          = "Orders::Orders.Function::Handle"
          runtime          = "dotnet8"
          memory_size      = 512
          timeout          = 30
          layers           = []
          role             = aws_iam_role.lambda.arn // the execution role

          environment {
            variables = {
              TABLE = aws_dynamodb_table.orders.name
              STAGE = "prod"
              "QUOTED" = "x"
            }
          }

          dynamic "vpc_config" {
            for_each = var.vpc ? [1] : []
            content {
              subnet_ids = local.subnets
            }
          }

          lifecycle { ignore_changes = [environment] }
        }

        resource "aws_iam_role_policy" "inline" {
          policy = <<-EOT
            {
              "Version": "2012-10-17",
              "Resource": "${aws_s3_bucket.data.arn}/*"
            }
            EOT
        }

        output "name" { value = aws_lambda_function.orders.function_name }
        """;

    private static HclBody Parse(string text)
    {
        var document = HclReader.Parse(text);
        Assert.True(document.Error is null, document.Error?.ToString());
        return document.Body!;
    }

    private static (int Line, int Column, string Message) Error(string text)
    {
        var error = HclReader.Parse(text).Error;
        Assert.NotNull(error);
        return (error!.LineSpan.Start.Line + 1, error.LineSpan.Start.Character + 1, error.Message);
    }

    private static (int Line, int Column) Start(ConfigNode node) => (node.LineSpan.Start.Line + 1, node.LineSpan.Start.Character + 1);

    [Fact]
    public void Reads_a_realistic_terraform_file()
    {
        var body = Parse(RealisticFile);
        Assert.Equal(new[] { "terraform", "data", "locals", "resource", "resource", "output" }, body.Blocks.Select(b => b.Type));

        var function = body.Blocks[3];
        Assert.Equal(new[] { "aws_lambda_function", "orders" }, function.Labels.Select(l => l.Value));
        var handler = function.Body.Get("handler")!;
        Assert.Equal("Orders::Orders.Function::Handle", handler.Value);
        Assert.Null(handler.Tag);
        Assert.Equal((37, 22), Start(handler));
        Assert.Equal("512", function.Body.Get("memory_size")!.Value);
        Assert.Equal(HclReader.ReferenceTag, function.Body.Get("filename")!.Tag);
        Assert.Equal("data.archive_file.orders.output_path", function.Body.Get("filename")!.Value);
        Assert.True(function.Body.Get("layers")!.IsSequence);

        var variables = function.Body.Block("environment")!.Body.Get("variables")!;
        Assert.Equal(new[] { "TABLE", "STAGE", "QUOTED" }, variables.Properties.Select(p => p.Name));
        Assert.True(variables.Properties[0].Value.IsIntrinsic);
        Assert.Equal("prod", variables.Properties[1].Value.Value);
        Assert.Equal((47, 7), Start(variables.Properties[1].Key));

        var archive = body.Blocks[1];
        var sourceDir = archive.Body.Get("source_dir")!;
        Assert.Equal(HclReader.TemplateTag, sourceDir.Tag);
        Assert.Equal("${path.module}/../src/Orders/bin/Release/net8.0/publish", sourceDir.Value);

        var locals = body.Blocks[2].Body;
        Assert.All(locals.Attributes, a => Assert.True(a.Value.IsIntrinsic, a.Name));
    }

    [Fact]
    public void Reads_literals()
    {
        const string Text = """
            s = "a\tb\"c\\d\u00e9"
            v = "plain text"
            n = 1.5e3
            i = 42
            m = -7
            t = true
            f = false
            z = null
            e = ""
            l = [1, "two", [3],]
            o = { a = 1, "b" = 2
                  c: 3 }
            """;
        var body = Parse(Text);
        Assert.Equal("a\tb\"c\\d\u00e9", body.Get("s")!.Value);
        Assert.Equal(-1, body.Get("s")!.VerbatimStart);
        Assert.Equal(ScalarStyle.DoubleQuoted, body.Get("v")!.Style);
        Assert.Equal(Text.IndexOf("plain text", System.StringComparison.Ordinal), body.Get("v")!.VerbatimStart);
        Assert.Equal("1.5e3", body.Get("n")!.Value);
        Assert.True(body.Get("i")!.TryGetInt32(out var i) && i == 42);
        Assert.True(body.Get("m")!.TryGetInt32(out var m) && m == -7);
        Assert.Equal("true", body.Get("t")!.Value);
        Assert.True(body.Get("z")!.IsNull);
        Assert.Equal(string.Empty, body.Get("e")!.Value);
        Assert.Equal(3, body.Get("l")!.Items.Length);
        Assert.Equal(new[] { "a", "b", "c" }, body.Get("o")!.Properties.Select(p => p.Name));
        Assert.All(body.Attributes, a => Assert.False(a.Value.IsIntrinsic, a.Name));
    }

    [Fact]
    public void Template_escapes_keep_literal_dollar_and_percent_braces()
    {
        var body = Parse("""
            a = "$${not.a.reference} and %%{not.a.directive}"
            b = "cost: $5 at 50%"
            """);
        Assert.Equal("${not.a.reference} and %{not.a.directive}", body.Get("a")!.Value);
        Assert.Null(body.Get("a")!.Tag);
        Assert.Equal("cost: $5 at 50%", body.Get("b")!.Value);
        Assert.Null(body.Get("b")!.Tag);
    }

    [Fact]
    public void Interpolations_and_directives_make_a_template()
    {
        var body = Parse("""
            a = "${lookup(var.map, "key", "de}fault")}-x"
            b = "%{ if var.on }on%{ else }off%{ endif }"
            c = "%{ for n in var.names ~}${n},%{ endfor }"
            """);
        Assert.Equal("${lookup(var.map, \"key\", \"de}fault\")}-x", body.Get("a")!.Value);
        Assert.All(body.Attributes, a => Assert.Equal(HclReader.TemplateTag, a.Value.Tag));
    }

    [Fact]
    public void Reads_heredocs()
    {
        var body = Parse("""
            plain = <<EOT
            line one
              line two
            EOT
            indented = <<-EOT
                a
                  b
                EOT
            template = <<EOT
            arn: ${var.arn}
            EOT
            after = 1
            """);
        Assert.Equal("line one\n  line two\n", body.Get("plain")!.Value);
        Assert.Equal(ScalarStyle.Literal, body.Get("plain")!.Style);
        Assert.Equal("a\n  b\n", body.Get("indented")!.Value);
        Assert.Equal(HclReader.TemplateTag, body.Get("template")!.Tag);
        Assert.Equal("1", body.Get("after")!.Value);
    }

    [Fact]
    public void Reads_comments_of_every_kind()
    {
        var body = Parse("""
            # hash
            // slashes
            /* block
               comment */ a = 1 # after
            b /* inside */ = 2 // after
            """);
        Assert.Equal(new[] { "a", "b" }, body.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void One_line_blocks_and_empty_blocks()
    {
        var body = Parse("""
            variable "x" { default = 1 }
            empty {}
            nested "a" { inner { v = "x" } }
            """);
        Assert.Equal("1", body.Blocks[0].Body.Get("default")!.Value);
        Assert.Empty(body.Blocks[1].Body.Attributes);
        Assert.Equal("x", body.Blocks[2].Body.Block("inner")!.Body.Get("v")!.Value);
    }

    [Fact]
    public void Accepts_a_byte_order_mark_and_crlf_line_ends()
    {
        var body = Parse("\uFEFFa = 1\r\nresource \"x\" \"y\" {\r\n  b = \"c\"\r\n}\r\n");
        Assert.Equal("c", body.Blocks[0].Body.Get("b")!.Value);
        Assert.Equal((3, 7), Start(body.Blocks[0].Body.Get("b")!));
    }

    [Theory]
    [InlineData("a = \"open\nb = 1\n", 1, 5, "This string is never closed with '\"' on its line")]
    [InlineData("a = 1 b = 2\n", 1, 7, "Expected a line break after the attribute but found 'b'; each attribute and block goes on a line of its own")]
    [InlineData("a\n", 1, 2, "Expected '=' or a block's '{' after 'a'")]
    [InlineData("resource \"x\" \"y\" {\n  a = 1\n", 1, 18, "This block's '{' is never closed with '}'")]
    [InlineData("a = \n", 1, 5, "Expected an expression but found a line break")]
    [InlineData("a = \"\\q\"\n", 1, 6, "'\\q' is not an escape sequence; HCL knows \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN")]
    [InlineData("a = 1\nb = 2\na = 3\n", 3, 1, "The attribute 'a' is already defined in this block, at line 1")]
    [InlineData("a = [1, 2\n", 1, 5, "This '[' is never closed with ']'")]
    [InlineData("a = [1 2]\n", 1, 8, "Expected ',' or ']' after a list item but found '2'")]
    [InlineData("a = 1\n/* never closed\n", 2, 1, "This '/*' comment is never closed with '*/'")]
    [InlineData("}\n", 1, 1, "Unexpected '}': no block is open here")]
    [InlineData("a = b ? c\n", 1, 10, "Expected ':' in the conditional expression but found a line break")]
    [InlineData("a = 10s\n", 1, 7, "Unexpected 's' after the number")]
    [InlineData("a = <<EOT\ntext\n", 1, 5, "The heredoc '<<EOT' is never closed by a line holding only 'EOT'")]
    [InlineData("a = \"${var.x\"\n", 1, 13, "Expected '}' to close the '${' sequence but found '\"'")]
    [InlineData("a = { b = 1 c = 2 }\n", 1, 13, "Expected ',', a line break or '}' after an object item but found 'c'")]
    [InlineData("a = f(1,\n", 1, 6, "This '(' is never closed with ')'")]
    [InlineData("resource \"x\" \"${y}\" {}\n", 1, 14, "A block label cannot hold '${' or '%{' sequences")]
    [InlineData("1 = 2\n", 1, 1, "Expected an attribute name or a block type but found '1'")]
    [InlineData("a = \"%{ while x }\"\n", 1, 6, "A '%{' directive is one of if, else, endif, for or endfor")]
    public void Reports_the_first_error_at_its_place(string text, int line, int column, string message) =>
        Assert.Equal((line, column, message), Error(text));

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = "a = " + new string('[', 5000) + new string(']', 5000) + "\n";
        var (line, _, message) = Error(text);
        Assert.Equal(1, line);
        Assert.Equal($"Nesting is deeper than {HclReader.MaxDepth} levels", message);
    }

    [Fact]
    public void Every_prefix_of_a_file_reads_or_fails_without_throwing()
    {
        for (var length = 0; length <= RealisticFile.Length; length++)
        {
            var document = HclReader.Parse(RealisticFile.Substring(0, length));
            Assert.True(document.Body is not null ^ document.Error is not null, $"prefix of {length} characters");
        }
    }
}
