using System.Collections.Immutable;
using System.Globalization;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>
/// LAM0301: a function setting outside what Lambda accepts (timeout 1–900 s, memory 128–10,240 MB,
/// ephemeral storage 512–10,240 MB, at most 5 layers). The deployment fails with a validation error;
/// here it shows at the value. Values computed at deploy time (<c>!Ref</c>, <c>!If</c>, ...) are not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0301LimitOutOfRangeAnalyzer : DiagnosticAnalyzer
{
    public const int MinTimeout = 1;
    public const int MaxTimeout = 900;
    public const int MinMemory = 128;
    public const int MaxMemory = 10_240;
    public const int MinEphemeralStorage = 512;
    public const int MaxEphemeralStorage = 10_240;
    public const int MaxLayers = 5;

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.LimitOutOfRange,
        title: "Function setting is outside Lambda's limits",
        messageFormat: "{0} is {1}; Lambda accepts {2}",
        RuleCategories.Deployment,
        DiagnosticSeverity.Warning,
        description: "Lambda rejects a function whose timeout is outside 1 to 900 seconds, whose memory is outside 128 to 10,240 MB, whose ephemeral storage (/tmp) is outside 512 to 10,240 MB, or that lists more than 5 layers. The deployment fails; fix the value in the config file.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfigFileAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ConfigFileAnalysisContext context)
    {
        foreach (var function in context.FunctionsOfThisProject())
        {
            Check(context, function.Timeout, function.SettingName(FunctionSetting.Timeout), MinTimeout, MaxTimeout, "seconds", "1 to 900 seconds");
            Check(context, function.MemorySize, function.SettingName(FunctionSetting.MemorySize), MinMemory, MaxMemory, "MB", "128 to 10,240 MB");
            Check(context, function.EphemeralStorage, function.SettingName(FunctionSetting.EphemeralStorage), MinEphemeralStorage, MaxEphemeralStorage, "MB", "512 to 10,240 MB");
            if (function.LayerCount is { IsIntrinsic: false, Value: > MaxLayers } layers)
            {
                context.Report(
                    Rule,
                    layers.Location,
                    function.SettingName(FunctionSetting.Layers),
                    layers.Value.ToString(CultureInfo.InvariantCulture) + " layers" + (function.ResourceType == TemplateReader.ServerlessFunction ? " (with Globals)" : string.Empty),
                    $"at most {MaxLayers} layers per function");
            }
        }
    }

    private static void Check(ConfigFileAnalysisContext context, ConfigValue<int>? value, string name, int min, int max, string unit, string range)
    {
        if (value is { IsIntrinsic: false } known && (known.Value < min || known.Value > max))
        {
            context.Report(Rule, known.Location, name, known.Value.ToString(CultureInfo.InvariantCulture) + " " + unit, range);
        }
    }
}
