using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Rules.Lifecycle;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Lifecycle.LAM0211HardCodedCredentialsAnalyzer>;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Rules.Lifecycle.LAM0211HardCodedCredentialsAnalyzer,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0211HardCodedCredentialsCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0211HardCodedCredentialsTests
{
    // Shaped like real keys (a known prefix, the documented lengths) but made up for these tests.
    private const string KeyId = "AKIAQWERTYUIOPASDFGH";
    private const string Secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYzzzTESTKEY00";

    private static string Handler(string body) => $$"""
        using System;
        using Amazon;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;

        public class Function
        {
        {{body}}
        }
        """;

    [Fact]
    public Task Flags_basic_credentials_built_from_literals() => Verify.VerifyAsync(Handler($$"""
            private static readonly IAmazonS3 S3 = new AmazonS3Client({|#0:new BasicAWSCredentials("{{KeyId}}", "{{Secret}}")|}, RegionEndpoint.USEast1);
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"));

    [Fact]
    public Task Flags_session_credentials_built_from_literals() => Verify.VerifyAsync(Handler($$"""
            public AWSCredentials Credentials() => {|#0:new SessionAWSCredentials("{{KeyId}}", "{{Secret}}", "token")|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new SessionAWSCredentials(...)'"));

    [Fact]
    public Task Flags_client_constructor_given_key_and_secret() => Verify.VerifyAsync(Handler($$"""
            public string Handle(string input)
            {
                var s3 = {|#0:new AmazonS3Client("{{KeyId}}", "{{Secret}}", RegionEndpoint.EUWest1)|};
                return input;
            }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new AmazonS3Client(...)'"));

    [Fact]
    public Task Flags_secret_held_in_a_constant() => Verify.VerifyAsync(Handler($$"""
            private const string SecretKey = "{{Secret}}";
            private static readonly string KeyId = System.Environment.GetEnvironmentVariable("KEY_ID")!;
            private readonly AmazonS3Client _s3 = {|#0:new AmazonS3Client({|#1:new ImmutableCredentials(KeyId, SecretKey, null)|}.AccessKey, SecretKey)|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new AmazonS3Client(...)'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("'new ImmutableCredentials(...)'"));

    [Fact]
    public Task Flags_secret_held_in_a_local_variable() => Verify.VerifyAsync(Handler($$"""
            public void Handle()
            {
                var secret = "{{Secret}}";
                var credentials = {|#0:new BasicAWSCredentials(System.Environment.GetEnvironmentVariable("KEY_ID"), secret)|};
            }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"));

    [Fact]
    public Task Flags_access_key_id_literal_anywhere() => Verify.VerifyAsync(Handler($$"""
            private static readonly string[] Keys = { {|#0:"{{KeyId}}"|} };
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("This access key id literal"));

    [Fact]
    public Task Flags_credentials_written_to_the_environment() => Verify.VerifyAsync(Handler($$"""
            public void Handle() => {|#0:Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "{{Secret}}")|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Setting 'AWS_SECRET_ACCESS_KEY'"));

    [Fact]
    public Task Ignores_credentials_from_the_environment() => Verify.VerifyAsync(Handler("""
            private static readonly IAmazonS3 S3 = new AmazonS3Client(
                new BasicAWSCredentials(
                    Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                    Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY")));
            private static readonly AWSCredentials FromEnvironment = new EnvironmentVariablesAWSCredentials();
        """));

    [Fact]
    public Task Ignores_credentials_from_profiles() => Verify.VerifyAsync(Handler("""
            public static AWSCredentials FromProfile()
            {
                var chain = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain();
                return chain.TryGetAWSCredentials("deploy", out var credentials) ? credentials : throw new InvalidOperationException();
            }
        """));

    [Fact]
    public Task Ignores_the_default_chain() => Verify.VerifyAsync(Handler("""
            private static readonly IAmazonS3 S3 = new AmazonS3Client();
            private static readonly IAmazonS3 Regional = new AmazonS3Client(RegionEndpoint.USWest2);
        """));

    [Fact]
    public Task Ignores_placeholder_credentials_for_local_emulators() => Verify.VerifyAsync(Handler("""
            private static readonly IAmazonS3 Local = new AmazonS3Client(
                new BasicAWSCredentials("test", "test"),
                new AmazonS3Config { ServiceURL = "http://localhost:4566", ForcePathStyle = true });
        """));

    [Fact]
    public Task Ignores_unrelated_strings_of_key_length() => Verify.VerifyAsync(Handler("""
            private const string Bucket = "AKIAlowercase-bucket";
            private const string Sha1 = "0123456789abcdef0123456789abcdef01234567";
            public static string Describe(string accessKey) => accessKey;
            public static string Use() => Describe("AKIA-not-a-key-at-all");
        """));

    // The rule binds only the places its syntax makes candidates (a key-shaped literal, a creation whose type
    // name binds to a client or credentials type, a call spelled SetEnvironmentVariable): these are the
    // spellings that must still reach it.
    [Fact]
    public async Task Flags_an_aliased_type_given_constants_of_another_file()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Function.cs", """
                        using Creds = Amazon.Runtime.BasicAWSCredentials;

                        public class Function
                        {
                            public Amazon.Runtime.AWSCredentials Credentials() => {|#0:new Creds(Keys.Id, Keys.Secret)|};
                        }
                        """),
                    ("Keys.cs", $$"""
                        public static class Keys
                        {
                            public static readonly string Id = System.Environment.GetEnvironmentVariable("KEY_ID")!;
                            public const string Secret = "{{Secret}}";
                        }
                        """),
                },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"));
        await test.RunAsync();
    }

    [Fact]
    public Task Flags_a_target_typed_client_creation() => Verify.VerifyAsync(Handler($$"""
            private static readonly AmazonS3Client S3 = {|#0:new("{{KeyId}}", "{{Secret}}", RegionEndpoint.USEast1)|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new AmazonS3Client(...)'"));

    [Fact]
    public Task Judges_a_target_typed_creation_by_the_type_its_declaration_names() => Verify.VerifyAsync(Handler($$"""
            public AmazonS3Client Client { get; } = {|#0:new("{{KeyId}}", "{{Secret}}")|};
            private readonly Settings _settings = new({|#1:"{{KeyId}}"|}, "{{Secret}}");

            public void Handle()
            {
                BasicAWSCredentials credentials = {|#2:new("{{KeyId}}", "{{Secret}}")|};
                Settings local = new("id", "{{Secret}}");
            }
        }

        public sealed class Settings
        {
            public Settings(string accessKey, string secretKey) { }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("'new AmazonS3Client(...)'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("This access key id literal"),
        Verify.Diagnostic().WithLocation(2).WithArguments("'new BasicAWSCredentials(...)'"));

    [Fact]
    public Task Flags_an_access_key_id_written_with_escapes() => Verify.VerifyAsync(Handler($$"""
            private static readonly string Key = {|#0:"AKIA{{KeyId.Substring(4)}}"|};
            private static readonly string Other = {|#1:"ASIA{{KeyId.Substring(4)}}"|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("This access key id literal"),
        Verify.Diagnostic().WithLocation(1).WithArguments("This access key id literal"));

    [Fact]
    public Task Flags_the_environment_written_through_a_static_import() => Verify.VerifyAsync(
        "using static System.Environment;\n" + Handler($$"""
            private const string Secret = "{{Secret}}";
            public void Handle() => {|#0:SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Secret)|};
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Setting 'AWS_SECRET_ACCESS_KEY'"));

    [Fact]
    public Task Ignores_other_methods_named_like_the_environment_writer() => Verify.VerifyAsync(Handler($$"""
            private static void SetEnvironmentVariable(string name, string value) { }
            public void Handle() => SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "{{Secret}}");
        """));

    [Fact]
    public async Task Ignores_test_projects()
    {
        var source = Handler($$"""
                private static readonly IAmazonS3 S3 = new AmazonS3Client(new BasicAWSCredentials("{{KeyId}}", "{{Secret}}"));
            """);
        var test = new Verify.Test { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(("IsTestProject", "true")));
        await test.RunAsync();
    }

    [Fact]
    public Task Without_the_sdk_a_look_alike_client_is_not_judged_but_a_key_literal_still_is()
    {
        // A project that does not reference AWSSDK.Core cannot create an SDK client or credentials object: its own
        // type of the same name is left alone, and only the key-shaped literal is reported, as a literal.
        var test = new Verify.Test
        {
            TestCode = $$"""
                namespace Vendor
                {
                    public sealed class AmazonS3Client
                    {
                        public AmazonS3Client(string keyId, string secret) { }
                    }
                }

                public class Function
                {
                    private static readonly Vendor.AmazonS3Client Client = new Vendor.AmazonS3Client({|#0:"{{KeyId}}"|}, "{{Secret}}");
                    private static readonly Vendor.AmazonS3Client Other = new({|#1:"{{KeyId}}"|}, "{{Secret}}");
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(TestReferences.Framework.AddRange(TestReferences.Lambda));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("This access key id literal"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(1).WithArguments("This access key id literal"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_drops_the_credentials_object() => VerifyFix.VerifyAsync(
        Handler($$"""
                private static readonly IAmazonS3 S3 = new AmazonS3Client({|#0:new BasicAWSCredentials("{{KeyId}}", "{{Secret}}")|});
            """),
        Handler("""
                private static readonly IAmazonS3 S3 = new AmazonS3Client();
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"));

    [Fact]
    public Task Fix_keeps_the_region_and_config_arguments() => VerifyFix.VerifyAsync(
        Handler($$"""
                private static readonly IAmazonS3 A = new AmazonS3Client({|#0:new BasicAWSCredentials("{{KeyId}}", "{{Secret}}")|}, RegionEndpoint.USEast1);
                private static readonly IAmazonS3 B = {|#1:new AmazonS3Client("{{KeyId}}", "{{Secret}}", new AmazonS3Config { ForcePathStyle = true })|};
            """),
        Handler("""
                private static readonly IAmazonS3 A = new AmazonS3Client(RegionEndpoint.USEast1);
                private static readonly IAmazonS3 B = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = true });
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"),
        VerifyFix.Diagnostic().WithLocation(1).WithArguments("'new AmazonS3Client(...)'"));

    [Fact]
    public async Task Fix_is_not_offered_for_credentials_kept_in_a_variable()
    {
        var source = Handler($$"""
                public IAmazonS3 Create()
                {
                    var credentials = {|#0:new BasicAWSCredentials("{{KeyId}}", "{{Secret}}")|};
                    return new AmazonS3Client(credentials);
                }
            """);
        var test = new VerifyFix.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(0).WithArguments("'new BasicAWSCredentials(...)'"));
        await test.RunAsync();
    }
}
