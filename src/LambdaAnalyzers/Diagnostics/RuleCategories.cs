namespace LambdaAnalyzers.Diagnostics;

/// <summary>Diagnostic categories, one per ID range.</summary>
internal static class RuleCategories
{
    public const string Handlers = "LambdaAnalyzers.Handlers";
    public const string Serialization = "LambdaAnalyzers.Serialization";
    public const string Lifecycle = "LambdaAnalyzers.Lifecycle";
    public const string Deployment = "LambdaAnalyzers.Deployment";
    public const string Generators = "LambdaAnalyzers.Generators";
}
