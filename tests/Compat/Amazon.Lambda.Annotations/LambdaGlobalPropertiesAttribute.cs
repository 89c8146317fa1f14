using System;

namespace Amazon.Lambda.Annotations;

[AttributeUsage(AttributeTargets.Assembly)]
public class LambdaGlobalPropertiesAttribute : Attribute
{
    /// <summary>When true the generator also writes a <c>Main</c> that starts the runtime client.</summary>
    public bool GenerateMain { get; set; }

    public string Runtime { get; set; }
}
