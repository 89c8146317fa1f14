using System.Collections.Immutable;

namespace LambdaAnalyzers.ConfigFiles;

internal enum ConfigFileKind
{
    /// <summary><c>aws-lambda-tools-defaults.json</c> (Amazon.Lambda.Tools, Visual Studio).</summary>
    ToolsDefaults,

    /// <summary>A CloudFormation/SAM template in JSON: <c>serverless.template</c>, or the file a tools-defaults <c>template</c> names.</summary>
    JsonTemplate,

    /// <summary>A SAM template in YAML: <c>template.yaml</c>/<c>template.yml</c>.</summary>
    YamlTemplate,
}

/// <summary>Where a function's deployed code comes from.</summary>
internal enum CodeSource
{
    /// <summary>A folder on disk (<c>CodeUri: ./src/Fn</c>, an empty or absent <c>CodeUri</c>, the tools-defaults' own project): see <see cref="FunctionConfig.CodeDirectory"/>.</summary>
    LocalPath,

    /// <summary>Built elsewhere: an S3 object, inline code, a container image.</summary>
    External,

    /// <summary>Computed at deploy time (<c>!Ref</c>, <c>!Sub</c>, ...).</summary>
    Intrinsic,
}

/// <summary>Whether a function's code is this project.</summary>
internal enum ProjectMatch
{
    Unknown,
    Yes,
    No,
}

/// <summary>
/// One Lambda function as a config file declares it: a tools-defaults file's <c>function-*</c>
/// settings, or a template resource of type <c>AWS::Serverless::Function</c> (with
/// <c>Globals.Function</c> applied) or <c>AWS::Lambda::Function</c>. Absent settings are null.
/// </summary>
internal sealed class FunctionConfig
{
    public FunctionConfig(
        string filePath,
        ConfigFileKind kind,
        string? logicalId,
        string? resourceType,
        ConfigValue<string>? handler,
        ConfigValue<string>? runtime,
        ConfigValue<string>? codeUri,
        CodeSource codeSource,
        string? codeDirectory,
        ConfigValue<string>? packageType,
        ConfigValue<string>? functionName,
        ConfigValue<int>? memorySize,
        ConfigValue<int>? timeout,
        ConfigValue<int>? ephemeralStorage,
        ConfigValue<int>? layerCount,
        ImmutableArray<EnvironmentVariable> environmentVariables,
        ConfigValue<string>? msBuildParameters)
    {
        FilePath = filePath;
        Kind = kind;
        LogicalId = logicalId;
        ResourceType = resourceType;
        Handler = handler;
        Runtime = runtime;
        CodeUri = codeUri;
        CodeSource = codeSource;
        CodeDirectory = codeDirectory;
        PackageType = packageType;
        FunctionName = functionName;
        MemorySize = memorySize;
        Timeout = timeout;
        EphemeralStorage = ephemeralStorage;
        LayerCount = layerCount;
        EnvironmentVariables = environmentVariables;
        MsBuildParameters = msBuildParameters;
    }

    /// <summary>The config file, as the compiler was given it.</summary>
    public string FilePath { get; }

    public ConfigFileKind Kind { get; }

    /// <summary>The template resource's logical id; null for a tools-defaults function.</summary>
    public string? LogicalId { get; }

    /// <summary><c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>; null for a tools-defaults function.</summary>
    public string? ResourceType { get; }

    /// <summary><c>function-handler</c> / <c>Handler</c>.</summary>
    public ConfigValue<string>? Handler { get; }

    /// <summary><c>function-runtime</c> / <c>Runtime</c> (<c>dotnet8</c>, <c>provided.al2023</c>, ...).</summary>
    public ConfigValue<string>? Runtime { get; }

    /// <summary><c>CodeUri</c> (SAM) or <c>Code</c> (Lambda) when written as a string; null when absent or an object.</summary>
    public ConfigValue<string>? CodeUri { get; }

    public CodeSource CodeSource { get; }

    /// <summary>For <see cref="CodeSource.LocalPath"/>: the code folder resolved against the config file's folder, normalized ('/' separators).</summary>
    public string? CodeDirectory { get; }

    /// <summary><c>PackageType</c> (<c>Zip</c> or <c>Image</c>); null when absent (Zip).</summary>
    public ConfigValue<string>? PackageType { get; }

    /// <summary><c>function-name</c> / <c>FunctionName</c>.</summary>
    public ConfigValue<string>? FunctionName { get; }

    /// <summary>MB: <c>function-memory-size</c> / <c>MemorySize</c>.</summary>
    public ConfigValue<int>? MemorySize { get; }

    /// <summary>Seconds: <c>function-timeout</c> / <c>Timeout</c>.</summary>
    public ConfigValue<int>? Timeout { get; }

    /// <summary>MB of <c>/tmp</c>: <c>EphemeralStorage.Size</c>.</summary>
    public ConfigValue<int>? EphemeralStorage { get; }

    /// <summary>How many layers (SAM: <c>Globals</c> and the function's own together), located at the function's own list when it has one; intrinsic when a list is computed.</summary>
    public ConfigValue<int>? LayerCount { get; }

    /// <summary>The environment variables set (SAM: <c>Globals</c> merged under the function's own), each located at its name.</summary>
    public ImmutableArray<EnvironmentVariable> EnvironmentVariables { get; }

    /// <summary>Tools defaults only: <c>msbuild-parameters</c>.</summary>
    public ConfigValue<string>? MsBuildParameters { get; }

    /// <summary>A container-image function (<c>PackageType: Image</c>): no runtime, no handler string.</summary>
    public bool IsImage => PackageType is { IsIntrinsic: false, Value: var type } && string.Equals(type, "Image", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether this function deploys the project in <paramref name="projectDirectory"/>
    /// (<c>build_property.ProjectDir</c>): its code folder is that folder or lies under it (a
    /// publish folder). Intrinsic or external code is never this project; an unknown project
    /// folder gives <see cref="ProjectMatch.Unknown"/>.
    /// </summary>
    public ProjectMatch BelongsTo(string? projectDirectory)
    {
        if (CodeSource != CodeSource.LocalPath || CodeDirectory is null)
        {
            return ProjectMatch.No;
        }

        if (string.IsNullOrWhiteSpace(projectDirectory))
        {
            return ProjectMatch.Unknown;
        }

        return ConfigPaths.IsSameOrUnder(CodeDirectory, projectDirectory!) ? ProjectMatch.Yes : ProjectMatch.No;
    }

    public override string ToString() => LogicalId is null ? $"{FilePath} (tools defaults)" : $"{FilePath}: {LogicalId}";
}

/// <summary>What an aws-lambda-tools-defaults.json says about the build, whatever it deploys.</summary>
internal sealed class ToolsDefaultsConfig
{
    public ToolsDefaultsConfig(
        string filePath,
        ConfigValue<string>? msBuildParameters,
        ConfigValue<string>? framework,
        ConfigValue<string>? template,
        ImmutableDictionary<string, string> msBuildProperties)
    {
        FilePath = filePath;
        MsBuildParameters = msBuildParameters;
        Framework = framework;
        Template = template;
        MsBuildProperties = msBuildProperties;
    }

    public string FilePath { get; }

    public string Directory => ConfigPaths.Directory(FilePath);

    /// <summary><c>msbuild-parameters</c> as written.</summary>
    public ConfigValue<string>? MsBuildParameters { get; }

    /// <summary><c>framework</c>: the target framework the tools publish (<c>net8.0</c>).</summary>
    public ConfigValue<string>? Framework { get; }

    /// <summary><c>template</c>: the template <c>deploy-serverless</c> uses, relative to this file.</summary>
    public ConfigValue<string>? Template { get; }

    /// <summary>The MSBuild properties <c>msbuild-parameters</c> sets (<c>AssemblyName</c>, <c>SelfContained</c>, ...), case-insensitive.</summary>
    public ImmutableDictionary<string, string> MsBuildProperties { get; }
}
