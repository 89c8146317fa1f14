using System;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.StandIns.Tests.Core;

/// <summary>An <see cref="ILambdaContext"/> written against the original eleven members only.</summary>
internal sealed class MinimalContext : ILambdaContext
{
    public string AwsRequestId => "request-1";

    public IClientContext ClientContext => null!;

    public string FunctionName => "fn";

    public string FunctionVersion => "$LATEST";

    public ICognitoIdentity Identity => null!;

    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:fn";

    public ILambdaLogger Logger { get; } = new LineLogger();

    public string LogGroupName => "/aws/lambda/fn";

    public string LogStreamName => "stream";

    public int MemoryLimitInMB => 128;

    public TimeSpan RemainingTime => TimeSpan.FromSeconds(3);
}
