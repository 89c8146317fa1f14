using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0205: a file-system write, on the invoke path or in Init code, to a path that lands outside
/// <c>/tmp</c> and the other writable places (<see cref="LambdaPaths"/> reads where a path lands):
/// a relative path (the working directory is the read-only <c>/var/task</c>), the deployment
/// package's folder, or another absolute path. Paths run-time data decides are not judged; reads
/// are never reported.
/// </summary>
internal sealed class LAM0205WriteOutsideTmp : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.WriteOutsideTmp,
        title: "File write outside /tmp",
        messageFormat: "'{0}' writes to '{1}', which is read-only on Lambda; write under /tmp (Path.GetTempPath()) instead",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "A Lambda function's file system is read-only except /tmp (512 MB to 10 GB of ephemeral storage) and mounted EFS file systems. Writing anywhere else — the deployment package under /var/task, the working directory, the home directory — throws at run time.");

    private static readonly string[] FileWriters =
    {
        "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync",
        "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendAllBytes", "AppendAllBytesAsync",
        "Create", "CreateText", "AppendText", "OpenWrite", "Delete", "Copy", "Move", "Replace", "SetAttributes",
    };

    private static readonly string[] DirectoryWriters = { "CreateDirectory", "Delete", "Move" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var types = compilation.Types;
        var codes = lifecycle.InitCode.AddRange(lifecycle.InvokePath);
        var workingDirectoryChanges = false;
        foreach (var code in codes)
        {
            foreach (var operation in code.Operations())
            {
                workingDirectoryChanges |= LambdaPaths.ChangesWorkingDirectory(operation, types);
            }
        }

        var paths = new LambdaPaths(types, workingDirectoryChanges);
        foreach (var code in codes)
        {
            foreach (var operation in code.Operations())
            {
                if (WrittenPath(operation, types) is { } written && paths.Classify(written.Value, code) is { IsWritable: false } path)
                {
                    reporter.Report(Rule, operation, code, written.Name, path.Display);
                }
            }
        }
    }

    /// <summary>The path argument a write operation writes to, with the call's display name.</summary>
    private static (IOperation Value, string Name)? WrittenPath(IOperation operation, LifecycleTypes types)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when invocation.TargetMethod.IsStatic:
                var method = invocation.TargetMethod;
                var container = method.ContainingType;
                var isFile = TypeChecks.Is(container, types.File) && Array.IndexOf(FileWriters, method.Name) >= 0;
                var isDirectory = TypeChecks.Is(container, types.Directory) && Array.IndexOf(DirectoryWriters, method.Name) >= 0;
                var isOpen = TypeChecks.Is(container, types.File) && method.Name == "Open" && OpensForWriting(invocation.Arguments, types);
                if (!isFile && !isDirectory && !isOpen)
                {
                    return null;
                }

                return Argument(invocation.Arguments, container.Name + "." + method.Name, "path", "destFileName", "destinationFileName", "destDirName");
            case IObjectCreationOperation creation when TypeChecks.Is(creation.Type, types.StreamWriter)
                || (TypeChecks.Is(creation.Type, types.FileStream) && OpensForWriting(creation.Arguments, types)):
                return Argument(creation.Arguments, "new " + creation.Type!.Name, "path");
            default:
                return null;
        }
    }

    private static (IOperation, string)? Argument(ImmutableArray<IArgumentOperation> arguments, string name, params string[] parameterNames)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && Array.IndexOf(parameterNames, parameter.Name) >= 0 && parameter.Type.SpecialType == SpecialType.System_String)
            {
                return (argument.Value, name);
            }
        }

        return null;
    }

    /// <summary>A <c>FileMode</c> other than <c>Open</c>, or a <c>FileAccess</c> that includes writing.</summary>
    private static bool OpensForWriting(ImmutableArray<IArgumentOperation> arguments, LifecycleTypes types)
    {
        foreach (var argument in arguments)
        {
            var type = argument.Parameter?.Type;
            if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
            {
                continue;
            }

            // FileMode.Open = 3; FileAccess.Read = 1.
            if ((TypeChecks.Is(type, types.FileMode) && value != 3) || (TypeChecks.Is(type, types.FileAccess) && value != 1))
            {
                return true;
            }
        }

        return false;
    }
}
