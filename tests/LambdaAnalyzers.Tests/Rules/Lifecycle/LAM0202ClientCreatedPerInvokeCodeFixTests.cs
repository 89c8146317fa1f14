using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0202ClientCreatedPerInvoke>,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0202ClientCreatedPerInvokeCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0202ClientCreatedPerInvokeCodeFixTests
{
    private static DiagnosticResult Created(int location, string type) => VerifyFix.Diagnostic().WithLocation(location).WithArguments(type);

    [Fact]
    public Task Hoists_a_local_client_to_a_static_readonly_field() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    using var s3 = {|#0:new AmazonS3Client(Amazon.RegionEndpoint.EUWest1)|};
                    foreach (var record in s3Event.Records)
                    {
                        await s3.DeleteObjectAsync(record.Bucket, record.Key);
                    }
                }
            }
            """),
        Function("""
            public class Function
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client(Amazon.RegionEndpoint.EUWest1);

                [LambdaHandler]
                public async Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    foreach (var record in s3Event.Records)
                    {
                        await S3.DeleteObjectAsync(record.Bucket, record.Key);
                    }
                }
            }
            """),
        Created(0, "AmazonS3Client"));

    /// <summary>
    /// A finding in another type's helper is reported at the creation, outside the handler type the
    /// analysis ran for: a non-local diagnostic, which the test library would otherwise refuse to fix.
    /// </summary>
    [Fact]
    public Task Hoists_a_creation_in_a_helper_of_another_type_where_it_is_reported() => new VerifyFix.Test
    {
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        TestCode = Function("""
            public static class Archive
            {
                public static Task Remove(S3Record record)
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    return s3.DeleteObjectAsync(record.Bucket, record.Key);
                }
            }

            public class Function
            {
                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context) => {|#1:Archive.Remove(s3Event.Records[0])|};
            }
            """),
        FixedCode = Function("""
            public static class Archive
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();

                public static Task Remove(S3Record record)
                {
                    return S3.DeleteObjectAsync(record.Bucket, record.Key);
                }
            }

            public class Function
            {
                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context) => Archive.Remove(s3Event.Records[0]);
            }
            """),
        ExpectedDiagnostics = { VerifyFix.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AmazonS3Client") },
    }.RunAsync();

    [Fact]
    public Task Hoists_a_logger_factory_and_a_service_provider_without_hiding_the_names_they_use() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                [LambdaHandler]
                public void Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    var loggerFactory = {|#0:Microsoft.Extensions.Logging.LoggerFactory.Create(builder => Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(builder))|};
                    var provider = {|#1:Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection())|};
                    loggerFactory.CreateLogger("orders").Log(provider.GetService(typeof(Function)) + "");
                }
            }
            """),
        Function("""
            public class Function
            {
                private static readonly Microsoft.Extensions.Logging.ILoggerFactory SharedLoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(builder));
                private static readonly Microsoft.Extensions.DependencyInjection.ServiceProvider Provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection());

                [LambdaHandler]
                public void Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    SharedLoggerFactory.CreateLogger("orders").Log(Provider.GetService(typeof(Function)) + "");
                }
            }
            """),
        Created(0, "logger factory (ILoggerFactory)"),
        Created(1, "service provider (ServiceProvider)"));

    [Fact]
    public Task Hoists_an_inline_creation_keeping_its_initializer() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                [LambdaHandler]
                public string Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                    JsonSerializer.Serialize(sqsEvent, {|#0:new JsonSerializerOptions { WriteIndented = true }|});
            }
            """),
        Function("""
            public class Function
            {
                private static readonly JsonSerializerOptions SharedJsonSerializerOptions = new JsonSerializerOptions { WriteIndented = true };

                [LambdaHandler]
                public string Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                    JsonSerializer.Serialize(sqsEvent, SharedJsonSerializerOptions);
            }
            """),
        Created(0, "JsonSerializerOptions"));

    [Fact]
    public Task Hoists_to_a_constructor_initialised_field_when_arguments_use_instance_members() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                private readonly Amazon.RegionEndpoint _region = Amazon.RegionEndpoint.USWest2;

                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    var s3 = {|#0:new AmazonS3Client(_region)|};
                    return s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                }
            }
            """),
        Function("""
            public class Function
            {
                private readonly Amazon.RegionEndpoint _region = Amazon.RegionEndpoint.USWest2;
                private readonly AmazonS3Client _s3;

                public Function()
                {
                    _s3 = new AmazonS3Client(_region);
                }

                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    return _s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                }
            }
            """),
        Created(0, "AmazonS3Client"));

    [Fact]
    public Task Assigns_the_field_in_existing_constructors() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                private readonly string _baseAddress;

                public Function()
                {
                    _baseAddress = "https://example.com";
                }

                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) =>
                    {|#0:new HttpClient { BaseAddress = new Uri(_baseAddress) }|}.GetStringAsync(request.Path);
            }
            """),
        Function("""
            public class Function
            {
                private readonly string _baseAddress;
                private readonly HttpClient _httpClient;

                public Function()
                {
                    _baseAddress = "https://example.com";
                    _httpClient = new HttpClient { BaseAddress = new Uri(_baseAddress) };
                }

                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) =>
                    _httpClient.GetStringAsync(request.Path);
            }
            """),
        Created(0, "HttpClient"));

    [Fact]
    public Task Offers_no_fix_when_arguments_use_the_invoke() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    var s3 = {|#0:new AmazonS3Client(Amazon.RegionEndpoint.GetBySystemName(s3Event.Records[0].Bucket))|};
                    return s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                }
            }
            """),
        Function("""
            public class Function
            {
                [LambdaHandler]
                public Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    var s3 = {|#0:new AmazonS3Client(Amazon.RegionEndpoint.GetBySystemName(s3Event.Records[0].Bucket))|};
                    return s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                }
            }
            """),
        Created(0, "AmazonS3Client"));

    [Fact]
    public Task Fix_all_in_document_merges_identical_clients_into_one_field()
    {
        var test = new VerifyFix.Test
        {
            TestCode = Function("""
                public class Function
                {
                    [LambdaHandler]
                    public Task Upload(SqsEvent sqsEvent, ILambdaContext context)
                    {
                        var s3 = {|#0:new AmazonS3Client()|};
                        return s3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = sqsEvent.Records[0].MessageId });
                    }

                    [LambdaHandler]
                    public Task Delete(S3Event s3Event, ILambdaContext context) =>
                        {|#1:new AmazonS3Client()|}.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);

                    [LambdaHandler]
                    public Task<string> Fetch(ApiRequest request, ILambdaContext context) => {|#2:new HttpClient()|}.GetStringAsync(request.Path);
                }
                """),
            FixedCode = Function("""
                public class Function
                {
                    private static readonly AmazonS3Client S3 = new AmazonS3Client();
                    private static readonly HttpClient SharedHttpClient = new HttpClient();

                    [LambdaHandler]
                    public Task Upload(SqsEvent sqsEvent, ILambdaContext context)
                    {
                        return S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = sqsEvent.Records[0].MessageId });
                    }

                    [LambdaHandler]
                    public Task Delete(S3Event s3Event, ILambdaContext context) =>
                        S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);

                    [LambdaHandler]
                    public Task<string> Fetch(ApiRequest request, ILambdaContext context) => SharedHttpClient.GetStringAsync(request.Path);
                }
                """),
            CodeActionEquivalenceKey = LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0202ClientCreatedPerInvokeCodeFix.Title,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
        };
        test.ExpectedDiagnostics.Add(Created(0, "AmazonS3Client"));
        test.ExpectedDiagnostics.Add(Created(1, "AmazonS3Client"));
        test.ExpectedDiagnostics.Add(Created(2, "HttpClient"));
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllInDocumentIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_creates_a_field_per_type()
    {
        var test = new VerifyFix.Test
        {
            CodeActionEquivalenceKey = LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0202ClientCreatedPerInvokeCodeFix.Title,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllInProjectIterations = 1,
        };
        test.TestState.Sources.Add(("/0/Orders.cs", Function("""
            public class Orders
            {
                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) => {|#0:new HttpClient()|}.GetStringAsync(request.Path);
            }
            """)));
        test.TestState.Sources.Add(("/0/Archive.cs", Usings + """
            public class Archive
            {
                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) => {|#1:new HttpClient()|}.GetStringAsync(request.Body);
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", Function("""
            public class Orders
            {
                private static readonly HttpClient SharedHttpClient = new HttpClient();

                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) => SharedHttpClient.GetStringAsync(request.Path);
            }
            """)));
        test.FixedState.Sources.Add(("/0/Archive.cs", Usings + """
            public class Archive
            {
                private static readonly HttpClient SharedHttpClient = new HttpClient();

                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) => SharedHttpClient.GetStringAsync(request.Body);
            }
            """));
        test.ExpectedDiagnostics.Add(Created(0, "HttpClient"));
        test.ExpectedDiagnostics.Add(Created(1, "HttpClient"));
        return test.RunAsync();
    }
}
