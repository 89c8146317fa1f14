using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// A setting read from a config file with its exact place there. <see cref="IsIntrinsic"/> values
/// (<c>!Ref</c>, <c>!Sub</c>, <c>{"Fn::...": ...}</c>, any YAML tag) are computed at deploy time:
/// <see cref="Value"/> then holds only the text written (or the default of <typeparamref name="T"/>)
/// and rules must not judge it.
/// </summary>
internal sealed class ConfigValue<T>
{
    public ConfigValue(T value, Location location, bool isIntrinsic)
    {
        Value = value;
        Location = location;
        IsIntrinsic = isIntrinsic;
    }

    public T Value { get; }

    /// <summary>The value in its file (<see cref="Location.Kind"/> is <see cref="LocationKind.ExternalFile"/>).</summary>
    public Location Location { get; }

    public bool IsIntrinsic { get; }

    /// <summary>A literal value: known now, safe to check.</summary>
    public bool IsKnown => !IsIntrinsic;

    public override string ToString() => IsIntrinsic ? "(intrinsic) " + Value : Value?.ToString() ?? string.Empty;
}

/// <summary>One environment variable a function sets: its name (located at the name) and its value when literal.</summary>
internal sealed class EnvironmentVariable
{
    public EnvironmentVariable(ConfigValue<string> name, ConfigValue<string>? value)
    {
        Name = name;
        Value = value;
    }

    public ConfigValue<string> Name { get; }

    public ConfigValue<string>? Value { get; }
}

/// <summary>A config file that could not be read (invalid JSON or YAML), at its first offending character.</summary>
internal sealed class ConfigFileError
{
    public ConfigFileError(string filePath, string message, Location location)
    {
        FilePath = filePath;
        Message = message;
        Location = location;
    }

    public string FilePath { get; }

    public string Message { get; }

    public Location Location { get; }
}
