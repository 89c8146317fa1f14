using System;

namespace Amazon.Lambda.Annotations;

/// <summary>Marks the class whose <c>ConfigureServices</c> sets up dependency injection.</summary>
[AttributeUsage(AttributeTargets.Class)]
public class LambdaStartupAttribute : Attribute
{
}
