using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Lifecycle.LAM0205WriteOutsideTmpAnalyzer>;

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
