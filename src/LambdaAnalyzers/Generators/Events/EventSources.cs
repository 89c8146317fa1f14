using System;
using System.Collections.Immutable;

namespace LambdaAnalyzers.Generators.Events;

/// <summary>
/// The catalog's event sources by name and bit, as <c>LambdaAnalyzers.Runtime.LambdaEventSources</c> declares them
/// (the generator reads the attribute's value as a number and the MSBuild items as names; a test keeps both in step).
/// </summary>
internal static class EventSources
{
    public const int RestApi = 1 << 0;
    public const int HttpApi = 1 << 1;
    public const int ApplicationLoadBalancer = 1 << 2;
    public const int FunctionUrl = 1 << 3;
    public const int Sqs = 1 << 4;
    public const int Sns = 1 << 5;
    public const int S3 = 1 << 6;
    public const int EventBridge = 1 << 7;
    public const int DynamoDb = 1 << 8;
    public const int Kinesis = 1 << 9;
    public const int KinesisFirehose = 1 << 10;
    public const int Cognito = 1 << 11;
    public const int CloudWatchLogs = 1 << 12;

    public static ImmutableArray<(string Name, int Bit)> All { get; } = ImmutableArray.Create(
        (nameof(RestApi), RestApi),
        (nameof(HttpApi), HttpApi),
        (nameof(ApplicationLoadBalancer), ApplicationLoadBalancer),
        (nameof(FunctionUrl), FunctionUrl),
        (nameof(Sqs), Sqs),
        (nameof(Sns), Sns),
        (nameof(S3), S3),
        (nameof(EventBridge), EventBridge),
        (nameof(DynamoDb), DynamoDb),
        (nameof(Kinesis), Kinesis),
        (nameof(KinesisFirehose), KinesisFirehose),
        (nameof(Cognito), Cognito),
        (nameof(CloudWatchLogs), CloudWatchLogs));

    /// <summary>Every defined bit.</summary>
    public static int Defined { get; } = (1 << 13) - 1;

    /// <summary>A source by its name, ignoring case (MSBuild items are written by hand).</summary>
    public static bool TryParse(string name, out int bit)
    {
        foreach (var (known, value) in All)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                bit = value;
                return true;
            }
        }

        bit = 0;
        return false;
    }

    public static string Names() => string.Join(", ", System.Linq.Enumerable.Select(All, static s => s.Name));
}
