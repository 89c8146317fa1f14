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

    /// <summary>A Serverless Framework service: <c>serverless.yml</c>/<c>serverless.yaml</c>.</summary>
    ServerlessFramework,

    /// <summary>Terraform configuration in HCL (<c>*.tf</c>): <c>aws_lambda_function</c> resources.</summary>
    Terraform,
}

/// <summary>A function setting the limit rule names in its messages, as each kind of file spells it.</summary>
internal enum FunctionSetting
{
    Timeout,
    MemorySize,
    EphemeralStorage,
    Layers,
}

/// <summary>Where a function's deployed code comes from.</summary>
internal enum CodeSource
{
    /// <summary>A project folder the deployment tool builds (<c>CodeUri: ./src/Fn</c>, an empty or absent <c>CodeUri</c>, the tools-defaults' own project): see <see cref="FunctionConfig.CodeDirectory"/>.</summary>
    LocalPath,

    /// <summary>
    /// Build output on disk, deployed as it is: a zip (<c>package.artifact</c>, Terraform's <c>filename</c>,
    /// a <c>CodeUri</c> ending in <c>.zip</c>) or the folder a Terraform <c>archive_file</c> zips: see <see cref="FunctionConfig.CodeOutputPath"/>.
    /// </summary>
    BuildOutput,

    /// <summary>Built elsewhere: an S3 object, inline code, a container image, a Serverless Framework plugin's own build.</summary>
    External,

    /// <summary>Computed at deploy time (<c>!Ref</c>, <c>!Sub</c>, ...).</summary>
    Intrinsic,
}

/// <summary>Whether a function's code is this project. Only <see cref="Yes"/> is checked: rules are silent on the others.</summary>
internal enum ProjectMatch
{
    /// <summary>Nothing tells: the code is computed, external or output we cannot trace, and the handler string names no assembly of ours.</summary>
    Unknown,
    Yes,
    No,
}

/// <summary>
/// One Lambda function as a config file declares it: a tools-defaults file's <c>function-*</c>
/// settings, a template resource of type <c>AWS::Serverless::Function</c> (with
/// <c>Globals.Function</c> applied) or <c>AWS::Lambda::Function</c>, a Serverless Framework
/// function (with <c>provider</c> settings applied), or a Terraform <c>aws_lambda_function</c>.
/// Absent settings are null.
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
        string? codePath,
        ConfigValue<string>? packageType,
        ConfigValue<string>? functionName,
        ConfigValue<int>? memorySize,
        ConfigValue<int>? timeout,
        ConfigValue<int>? ephemeralStorage,
        ConfigValue<int>? layerCount,
        ImmutableArray<EnvironmentVariable> environmentVariables,
        ConfigValue<string>? msBuildParameters,
        bool writtenByAnnotations = false)
    {
        FilePath = filePath;
        Kind = kind;
        LogicalId = logicalId;
        ResourceType = resourceType;
        Handler = handler;
        Runtime = runtime;
        CodeUri = codeUri;
        CodeSource = codeSource;
        CodeDirectory = codeSource == CodeSource.LocalPath ? codePath : null;
        CodeOutputPath = codeSource == CodeSource.BuildOutput ? codePath : null;
        PackageType = packageType;
        FunctionName = functionName;
        MemorySize = memorySize;
        Timeout = timeout;
        EphemeralStorage = ephemeralStorage;
        LayerCount = layerCount;
        EnvironmentVariables = environmentVariables;
        MsBuildParameters = msBuildParameters;
        WrittenByAnnotations = writtenByAnnotations;
    }

    /// <summary>The config file, as the compiler was given it.</summary>
    public string FilePath { get; }

    public ConfigFileKind Kind { get; }

    /// <summary>The template resource's logical id, the Serverless function's key or the Terraform resource's name; null for a tools-defaults function.</summary>
    public string? LogicalId { get; }

    /// <summary><c>AWS::Serverless::Function</c>, <c>AWS::Lambda::Function</c>, <c>aws_lambda_function</c>; null for a tools-defaults or Serverless Framework function.</summary>
    public string? ResourceType { get; }

    /// <summary><c>function-handler</c> / <c>Handler</c>.</summary>
    public ConfigValue<string>? Handler { get; }

    /// <summary><c>function-runtime</c> / <c>Runtime</c> (<c>dotnet8</c>, <c>provided.al2023</c>, ...).</summary>
    public ConfigValue<string>? Runtime { get; }

    /// <summary>Where the code is, as written: <c>CodeUri</c> (SAM) or <c>Code</c> (Lambda) when a string, <c>package.artifact</c>, Terraform's <c>filename</c>; null when absent or an object.</summary>
    public ConfigValue<string>? CodeUri { get; }

    public CodeSource CodeSource { get; }

    /// <summary>For <see cref="CodeSource.LocalPath"/>: the code folder resolved against the config file's folder, normalized ('/' separators).</summary>
    public string? CodeDirectory { get; }

    /// <summary>For <see cref="CodeSource.BuildOutput"/>: the zip or output folder resolved against the config file's folder, normalized.</summary>
    public string? CodeOutputPath { get; }

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

    /// <summary>
    /// A template resource Amazon.Lambda.Annotations keeps (<c>Metadata: Tool: Amazon.Lambda.Annotations</c>): its source
    /// generator writes the resource's <c>Handler</c>, <c>Runtime</c>, <c>CodeUri</c> and <c>PackageType</c> again on every
    /// build of the project that declares the function, the runtime from the target framework (or the assembly's
    /// <c>[LambdaGlobalProperties(Runtime = …)]</c>), so the file's values may be those of an older build.
    /// </summary>
    public bool WrittenByAnnotations { get; }

    /// <summary>A container-image function (<c>PackageType: Image</c>): no runtime, no handler string.</summary>
    public bool IsImage => PackageType is { IsIntrinsic: false, Value: var type } && string.Equals(type, "Image", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether this function deploys <paramref name="project"/>, the one definition every rule uses:
    /// <list type="number">
    /// <item>its code location decides when it can: a project folder the tool builds is this project
    /// when it is this project's folder (or lies under it) and another project otherwise; build output
    /// (a zip, a zipped folder) is this project when it lies under the project folder (<c>bin/…/publish</c>)
    /// or is named after the project or its assembly (<c>Orders.zip</c>), and unknown otherwise;</item>
    /// <item>otherwise a class-library handler string naming this project's assembly makes it ours;</item>
    /// <item>a tools-defaults file always describes its own project: without MSBuild facts it is taken as this one;</item>
    /// <item>anything else is <see cref="ProjectMatch.Unknown"/>, on which the rules stay silent.</item>
    /// </list>
    /// </summary>
    public ProjectMatch BelongsTo(ProjectIdentity project)
    {
        var byLocation = LocationMatch(project);
        if (byLocation != ProjectMatch.Unknown)
        {
            return byLocation;
        }

        if (Handler is { IsIntrinsic: false } handler && project.AssemblyName is { Length: > 0 } assembly)
        {
            var separator = handler.Value.IndexOf("::", System.StringComparison.Ordinal);
            if (separator > 0 && string.Equals(handler.Value.Substring(0, separator).Trim(), assembly, System.StringComparison.Ordinal))
            {
                return ProjectMatch.Yes;
            }
        }

        return Kind == ConfigFileKind.ToolsDefaults && string.IsNullOrWhiteSpace(project.Directory) ? ProjectMatch.Yes : ProjectMatch.Unknown;
    }

    /// <summary>What the code location alone says (step 1 of <see cref="BelongsTo"/>).</summary>
    public ProjectMatch LocationMatch(ProjectIdentity project)
    {
        if (string.IsNullOrWhiteSpace(project.Directory))
        {
            return ProjectMatch.Unknown;
        }

        var directory = project.Directory!;
        if (CodeSource == CodeSource.LocalPath && CodeDirectory is not null)
        {
            return ConfigPaths.IsSameOrUnder(CodeDirectory, directory) ? ProjectMatch.Yes : ProjectMatch.No;
        }

        if (CodeSource == CodeSource.BuildOutput && CodeOutputPath is not null)
        {
            if (ConfigPaths.IsSameOrUnder(CodeOutputPath, directory))
            {
                return ProjectMatch.Yes;
            }

            var name = ConfigPaths.FileNameWithoutExtension(CodeOutputPath);
            return project.IsNamed(name) ? ProjectMatch.Yes : ProjectMatch.Unknown;
        }

        return ProjectMatch.Unknown;
    }

    /// <summary>How this kind of file spells a setting, for messages.</summary>
    public string SettingName(FunctionSetting setting) => (Kind, setting) switch
    {
        (ConfigFileKind.ToolsDefaults, FunctionSetting.Timeout) => "function-timeout",
        (ConfigFileKind.ToolsDefaults, FunctionSetting.MemorySize) => "function-memory-size",
        (ConfigFileKind.ToolsDefaults, FunctionSetting.Layers) => "function-layers",
        (ConfigFileKind.ServerlessFramework, FunctionSetting.Timeout) => "timeout",
        (ConfigFileKind.ServerlessFramework, FunctionSetting.MemorySize) => "memorySize",
        (ConfigFileKind.ServerlessFramework, FunctionSetting.EphemeralStorage) => "ephemeralStorageSize",
        (ConfigFileKind.ServerlessFramework, FunctionSetting.Layers) => "layers",
        (ConfigFileKind.Terraform, FunctionSetting.Timeout) => "timeout",
        (ConfigFileKind.Terraform, FunctionSetting.MemorySize) => "memory_size",
        (ConfigFileKind.Terraform, FunctionSetting.EphemeralStorage) => "ephemeral_storage.size",
        (ConfigFileKind.Terraform, FunctionSetting.Layers) => "layers",
        (_, FunctionSetting.Timeout) => "Timeout",
        (_, FunctionSetting.MemorySize) => "MemorySize",
        (_, FunctionSetting.EphemeralStorage) => "EphemeralStorage.Size",
        _ => "Layers",
    };

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
