using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0205WriteOutsideTmp>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0205WriteOutsideTmpTests
{
    [Fact]
    public Task Flags_a_relative_file_written_by_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                await {|#0:File.WriteAllTextAsync("last-request.json", request.Body)|};
                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllTextAsync", "last-request.json"));

    [Fact]
    public Task Flags_a_download_into_the_task_root_in_an_s3_trigger() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private const string Downloads = "/var/task/downloads";

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context)
            {
                foreach (var record in s3Event.Records)
                {
                    using var target = {|#0:new FileStream(Path.Combine(Downloads, record.Key), FileMode.Create)|};
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("new FileStream", "/var/task/downloads"));

    [Fact]
    public Task Flags_a_write_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context) => {|#1:Save(sqsEvent)|};

            private static void Save(SqsEvent sqsEvent) => {|#2:Append(sqsEvent.Records[0])|};

            private static void Append(SqsMessage message) => {|#0:File.AppendAllText("/home/sbx_user1051/audit.log", message.Body)|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("File.AppendAllText", "/home/sbx_user1051/audit.log"));

    [Fact]
    public Task Flags_a_write_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                sqsEvent.Records.ForEach(message => {|#0:File.WriteAllText($"/var/output/{message.MessageId}.json", message.Body)|});
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllText", "/var/output"));

    [Fact]
    public Task Flags_a_directory_created_by_a_scheduled_job_at_Init() => Verify.VerifyAsync(Function("""
        public class Function
        {
            public Function()
            {
                {|#0:Directory.CreateDirectory("cache")|};
            }

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Directory.CreateDirectory", "cache"));

    [Fact]
    public Task Flags_a_StreamWriter_on_a_constant_path() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                using var writer = {|#0:new StreamWriter("/opt/report.csv")|};
                writer.WriteLine(scheduled.Id);
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("new StreamWriter", "/opt/report.csv"));

    [Fact]
    public Task Flags_file_names_built_from_the_request_in_the_working_directory() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    {|#0:File.WriteAllText($"orders-{message.MessageId}.json", message.Body)|};
                    {|#1:File.AppendAllText("order-" + message.MessageId + ".json", message.Body)|};
                    var report = $"reports/{message.MessageId}.csv";
                    {|#2:File.WriteAllText(report, message.Body)|};
                    {|#3:File.WriteAllText(Path.Combine("exports", message.MessageId), message.Body)|};
                }
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllText", "orders-{…}.json"),
        Verify.Diagnostic().WithLocation(1).WithArguments("File.AppendAllText", "order-{…}.json"),
        Verify.Diagnostic().WithLocation(2).WithArguments("File.WriteAllText", "reports/{…}.csv"),
        Verify.Diagnostic().WithLocation(3).WithArguments("File.WriteAllText", "exports/{…}"));

    [Fact]
    public Task Flags_paths_under_the_deployment_package_or_the_working_directory() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "last.json"), request.Body)|};
                {|#1:File.WriteAllText(Path.Combine(Directory.GetCurrentDirectory(), "cache", "last.json"), request.Body)|};
                {|#2:Directory.CreateDirectory(Path.Join(Environment.CurrentDirectory, "logs"))|};
                {|#3:File.WriteAllText(Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") + "/state.json", request.Body)|};
                {|#4:File.WriteAllText($"{AppDomain.CurrentDomain.BaseDirectory}/{request.Path}", request.Body)|};
                {|#5:File.WriteAllText(Path.GetFullPath("state.json"), request.Body)|};
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllText", "AppContext.BaseDirectory (/var/task)"),
        Verify.Diagnostic().WithLocation(1).WithArguments("File.WriteAllText", "the working directory (/var/task)"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Directory.CreateDirectory", "the working directory (/var/task)"),
        Verify.Diagnostic().WithLocation(3).WithArguments("File.WriteAllText", "LAMBDA_TASK_ROOT (/var/task)"),
        Verify.Diagnostic().WithLocation(4).WithArguments("File.WriteAllText", "AppDomain.BaseDirectory (/var/task)"),
        Verify.Diagnostic().WithLocation(5).WithArguments("File.WriteAllText", "state.json"));

    [Fact]
    public Task Reads_the_parts_of_a_path_combined_from_a_collection_expression() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                // Also what Path.Combine(a, b, c, d, e) binds to from C# 13 on .NET 9+: the params span overload.
                {|#0:File.WriteAllText(Path.Combine([AppContext.BaseDirectory, "cache", "last.json"]), request.Body)|};
                File.WriteAllText(Path.Combine(["/tmp", "cache", "last.json"]), request.Body);
                string[] more = ["cache", "last.json"];
                File.WriteAllText(Path.Combine([AppContext.BaseDirectory, .. more]), request.Body);
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllText", "AppContext.BaseDirectory (/var/task)"));

    [Fact]
    public Task Ignores_paths_under_tmp_built_in_any_of_those_ways() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    File.WriteAllText($"{Path.GetTempPath()}orders-{message.MessageId}.json", message.Body);
                    File.WriteAllText(Path.GetTempPath() + message.MessageId, message.Body);
                    File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "/tmp/copy.json"), message.Body);
                    var target = Path.Combine(Path.GetTempPath(), "batch", message.MessageId);
                    File.WriteAllText(target, message.Body);
                    File.WriteAllText("/mnt/efs/" + message.MessageId, message.Body);
                }
            }
        }
        """));

    [Fact]
    public Task Ignores_paths_run_time_data_decides() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly string _outputDirectory = Environment.GetEnvironmentVariable("OUTPUT_DIR") ?? "/tmp";

            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                File.WriteAllText(Path.Combine(_outputDirectory, "last.json"), request.Body);
                File.WriteAllText(Environment.GetEnvironmentVariable("STATE_FILE")!, request.Body);
                File.WriteAllText(request.Path, request.Body);
                File.WriteAllText($"{request.Headers["dir"]}/x.json", request.Body);
                var path = "state.json";
                path = request.Path;
                File.WriteAllText(path, request.Body);
                File.WriteAllText("../../tmp/escape.json", request.Body);
                Save(request.Path, request.Body);
            }

            private static void Save(string path, string body) => File.WriteAllText(path, body);
        }
        """));

    [Fact]
    public Task Ignores_relative_paths_when_the_code_moves_the_working_directory() => Verify.VerifyAsync(Function("""
        public class Function
        {
            public Function() => Directory.SetCurrentDirectory("/tmp");

            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                File.WriteAllText($"request-{request.Path}.json", request.Body);
                File.WriteAllText(Path.Combine(Directory.GetCurrentDirectory(), "last.json"), request.Body);
            }
        }
        """));

    [Fact]
    public Task Ignores_reads_from_the_deployment_package() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public string Handle(ApiRequest request, ILambdaContext context) =>
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", $"{request.Path}.html"))
                + File.ReadAllText($"config-{request.Path}.json");
        }
        """));

    [Fact]
    public Task Ignores_Path_GetTempPath() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "request.json"), request.Body);
                File.WriteAllText(Path.GetTempFileName(), request.Body);
            }
        }
        """));

    [Fact]
    public Task Ignores_Path_Combine_under_tmp() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    File.WriteAllText(Path.Combine("/tmp", message.MessageId + ".json"), message.Body);
                    File.WriteAllText($"/tmp/{message.MessageId}.txt", message.Body);
                    File.WriteAllText("/tmp", message.Body);
                }
            }
        }
        """));

    [Fact]
    public Task Ignores_mnt_EFS_mounts() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) =>
                File.WriteAllText(Path.Combine("/mnt/efs", s3Event.Records[0].Key), "done");
        }
        """));

    [Fact]
    public Task Ignores_dev_null_and_proc_self_fd() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                File.WriteAllText("/dev/null", scheduled.Id);
                using var stdout = new StreamWriter("/proc/self/fd/1");
                File.AppendAllText("/dev/stderr", scheduled.Id);
            }
        }
        """));

    [Fact]
    public Task Ignores_reads_anywhere() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public string Handle(ApiRequest request, ILambdaContext context)
            {
                using var stream = new FileStream("/var/task/templates/page.html", FileMode.Open, FileAccess.Read);
                using var opened = File.Open("appsettings.json", FileMode.Open);
                return File.ReadAllText("/var/task/appsettings.json") + File.Exists("/etc/hosts");
            }
        }
        """));

    [Fact]
    public Task Ignores_writes_outside_Lambda_code() => Verify.VerifyAsync(Function("""
        public class ReportTool
        {
            public void Save(string text) => File.WriteAllText("report.txt", text);
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
