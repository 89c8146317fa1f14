namespace LambdaAnalyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID the package reports, in one place. IDs are stable once shipped; ranges are
/// 00xx handlers and wiring, 01xx serialization, 02xx init phase and lifecycle, 03xx deployment
/// and configuration files, 04xx generator input errors (docs/rules/README.md).
/// </summary>
internal static class RuleIds
{
    public const string HardCodedCredentials = "LAM0211";
}
