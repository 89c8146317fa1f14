using System;
using System.Text;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>Where a path the code builds lands in a Lambda execution environment, when the code fixes it.</summary>
internal readonly struct KnownPath
{
    public KnownPath(string display, bool isWritable, bool isRooted)
    {
        Display = display;
        IsWritable = isWritable;
        IsRooted = isRooted;
    }

    /// <summary>How a message names it: the path, its known start, or the root it is built on.</summary>
    public string Display { get; }

    /// <summary>Under <c>/tmp</c>, an EFS mount (<c>/mnt</c>), <c>/dev</c> or <c>/proc</c>.</summary>
    public bool IsWritable { get; }

    /// <summary>An absolute path (a relative one continues the working directory).</summary>
    public bool IsRooted { get; }
}

/// <summary>
/// Reads a path expression the way LAM0205 needs it: where it lands, or null when run-time data
/// decides (a parameter, configuration, an environment variable other than <c>LAMBDA_TASK_ROOT</c>).
/// <list type="bullet">
/// <item>constants; relative ones land in the working directory, the read-only <c>/var/task</c>;</item>
/// <item>roots: <c>AppContext.BaseDirectory</c>, <c>AppDomain.BaseDirectory</c>, <c>Directory.GetCurrentDirectory()</c>,
/// <c>Environment.CurrentDirectory</c> and <c>LAMBDA_TASK_ROOT</c> are <c>/var/task</c>; <c>Path.GetTempPath()</c>
/// and <c>Path.GetTempFileName()</c> are under <c>/tmp</c>;</item>
/// <item>interpolated strings and <c>+</c> concatenations, by what they start with;</item>
/// <item><c>Path.Combine</c> (its last rooted argument wins), <c>Path.Join</c> (its first), <c>Path.GetFullPath</c>;</item>
/// <item>a local assigned once, by its value.</item>
/// </list>
/// A relative path that climbs with <c>..</c> is not judged. When the code the rule reads changes the
/// working directory (<c>Directory.SetCurrentDirectory</c>, <c>Environment.CurrentDirectory = …</c>),
/// relative paths and the working directory are not judged either.
/// </summary>
internal sealed class LambdaPaths
{
    private const string TaskRoot = "/var/task";
    private const int MaxDepth = 8;

    private static readonly string[] WritableRoots = { "/tmp", "/mnt", "/dev", "/proc" };

    private readonly LifecycleTypes _types;
    private readonly bool _workingDirectoryChanges;

    public LambdaPaths(LifecycleTypes types, bool workingDirectoryChanges)
    {
        _types = types;
        _workingDirectoryChanges = workingDirectoryChanges;
    }

    /// <summary>An operation that changes the process's working directory.</summary>
    public static bool ChangesWorkingDirectory(IOperation operation, LifecycleTypes types) => operation switch
    {
        IInvocationOperation { TargetMethod: { Name: "SetCurrentDirectory", IsStatic: true } method } => TypeChecks.Is(method.ContainingType, types.Directory),
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "CurrentDirectory", IsStatic: true } property } } =>
            TypeChecks.Is(property.ContainingType, types.Environment),
        _ => false,
    };

    public KnownPath? Classify(IOperation value, ReachedCode code) => Classify(value, code, 0);

    private KnownPath? Classify(IOperation value, ReachedCode code, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        value = value.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return FromConstant(constant, constant);
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                return FromParts(interpolated.Parts, code, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return FromConcatenation(concatenation, code, depth);
            case IInvocationOperation { TargetMethod.IsStatic: true } invocation when TypeChecks.Is(invocation.TargetMethod.ContainingType, _types.Path):
                return FromPathMethod(invocation, code, depth);
            case IInvocationOperation invocation:
                return FromRootMethod(invocation);
            case IPropertyReferenceOperation property:
                return FromRootProperty(property.Property);
            case ILocalReferenceOperation local:
                return SingleValue(local.Local, code) is { } assigned ? Classify(assigned, code, depth + 1) : null;
            default:
                return null;
        }
    }

    /// <summary>A constant path, or the constant start of one (<paramref name="display"/> shows the unknown rest as <c>{…}</c>).</summary>
    private KnownPath? FromConstant(string start, string display)
    {
        if (start.Length == 0)
        {
            return null;
        }

        if (start[0] != '/')
        {
            // Relative: the working directory, /var/task, unless the path climbs out of it or the code moves it.
            return _workingDirectoryChanges || ClimbsUp(start) ? null : new KnownPath(display, isWritable: false, isRooted: false);
        }

        return new KnownPath(display, IsUnderWritableRoot(start), isRooted: true);
    }

    private KnownPath? FromParts(System.Collections.Immutable.ImmutableArray<IInterpolatedStringContentOperation> parts, ReachedCode code, int depth)
    {
        if (parts.IsEmpty)
        {
            return null;
        }

        if (parts[0] is IInterpolationOperation first)
        {
            return Classify(first.Expression, code, depth + 1);
        }

        if (parts[0] is not IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string prefix } })
        {
            return null;
        }

        var display = new StringBuilder();
        foreach (var part in parts)
        {
            display.Append(part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } ? text : "{…}");
        }

        return FromPrefix(prefix, display.ToString());
    }

    private KnownPath? FromConcatenation(IBinaryOperation concatenation, ReachedCode code, int depth)
    {
        // ((a + b) + c): the leftmost operand decides where the path starts.
        IOperation leftmost = concatenation;
        while (leftmost.WalkDownConversions() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } inner)
        {
            leftmost = inner.LeftOperand;
        }

        if (leftmost.WalkDownConversions().ConstantValue is { HasValue: true, Value: string prefix })
        {
            var display = new StringBuilder();
            AppendOperands(concatenation, display);
            return FromPrefix(prefix, display.ToString());
        }

        return Classify(leftmost, code, depth + 1);
    }

    private static void AppendOperands(IOperation operand, StringBuilder display)
    {
        operand = operand.WalkDownConversions();
        if (operand is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation)
        {
            AppendOperands(concatenation.LeftOperand, display);
            AppendOperands(concatenation.RightOperand, display);
        }
        else
        {
            display.Append(operand.ConstantValue is { HasValue: true, Value: string text } ? text : "{…}");
        }
    }

    /// <summary>
    /// The constant start of a longer path. Absolute: judged by its directory part only, since the
    /// rest may continue the last name (<c>$"/tmp{suffix}"</c>); relative: lands in the working directory.
    /// </summary>
    private KnownPath? FromPrefix(string prefix, string display)
    {
        if (prefix.Length == 0 || prefix[0] != '/')
        {
            return FromConstant(prefix, display);
        }

        var lastSlash = prefix.LastIndexOf('/');
        return lastSlash > 0 ? FromConstant(prefix.Substring(0, lastSlash), prefix.Substring(0, lastSlash)) : null;
    }

    private KnownPath? FromPathMethod(IInvocationOperation invocation, ReachedCode code, int depth)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "GetTempPath" or "GetTempFileName":
                return new KnownPath("/tmp", isWritable: true, isRooted: true);
            case "GetFullPath" when invocation.Arguments.Length == 1:
                return Classify(invocation.Arguments[0].Value, code, depth + 1);
            case "Combine" or "Join":
                var parts = Parts(invocation);
                if (parts.Count == 0)
                {
                    return null;
                }

                if (invocation.TargetMethod.Name == "Combine")
                {
                    // A rooted argument resets the path: the last one known to be rooted is the start.
                    for (var i = parts.Count - 1; i > 0; i--)
                    {
                        if (Classify(parts[i], code, depth + 1) is { IsRooted: true } later)
                        {
                            return later;
                        }
                    }
                }

                return Classify(parts[0], code, depth + 1) is { } start ? Continued(start, parts[0]) : null;
            default:
                return null;
        }
    }

    /// <summary>A path's start with more names after it: a relative constant shows as <c>name/…</c>.</summary>
    private static KnownPath Continued(KnownPath start, IOperation first) =>
        first.WalkDownConversions().ConstantValue is { HasValue: true, Value: string constant } && constant.Length > 0 && constant[0] != '/'
            ? new KnownPath(constant.TrimEnd('/') + "/{…}", start.IsWritable, start.IsRooted)
            : start;

    private static System.Collections.Generic.List<IOperation> Parts(IInvocationOperation invocation)
    {
        var parts = new System.Collections.Generic.List<IOperation>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType != SpecialType.System_String && argument.Value.WrittenElements() is { IsDefault: false } elements)
            {
                // Path.Combine(a, b, c, d, e): a params array, or (C# 13, .NET 9+) a params span; or one written out.
                foreach (var element in elements)
                {
                    if (element.SpreadValue() is not null || element.Type?.SpecialType != SpecialType.System_String)
                    {
                        return new System.Collections.Generic.List<IOperation>();
                    }

                    parts.Add(element);
                }
            }
            else if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                parts.Add(argument.Value);
            }
            else
            {
                // ReadOnlySpan<char> overloads and the like: not read.
                return new System.Collections.Generic.List<IOperation>();
            }
        }

        return parts;
    }

    private KnownPath? FromRootMethod(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "GetCurrentDirectory" && method.IsStatic && TypeChecks.Is(method.ContainingType, _types.Directory))
        {
            return WorkingDirectory();
        }

        if (method.Name == "GetEnvironmentVariable" && method.IsStatic && TypeChecks.Is(method.ContainingType, _types.Environment)
            && invocation.Arguments.Length == 1
            && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: "LAMBDA_TASK_ROOT" })
        {
            return new KnownPath("LAMBDA_TASK_ROOT (" + TaskRoot + ")", isWritable: false, isRooted: true);
        }

        return null;
    }

    private KnownPath? FromRootProperty(IPropertySymbol property)
    {
        if (property.Name == "BaseDirectory" && (TypeChecks.Is(property.ContainingType, _types.AppContext) || TypeChecks.Is(property.ContainingType, _types.AppDomain)))
        {
            return new KnownPath(property.ContainingType.Name + ".BaseDirectory (" + TaskRoot + ")", isWritable: false, isRooted: true);
        }

        return property.Name == "CurrentDirectory" && property.IsStatic && TypeChecks.Is(property.ContainingType, _types.Environment) ? WorkingDirectory() : null;
    }

    private KnownPath? WorkingDirectory() => _workingDirectoryChanges ? null : new KnownPath("the working directory (" + TaskRoot + ")", isWritable: false, isRooted: true);

    /// <summary>The value of a local declared with an initializer and never written again in the body.</summary>
    private static IOperation? SingleValue(ILocalSymbol local, ReachedCode code)
    {
        IOperation? value = null;
        foreach (var operation in code.Operations())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    value = declarator.Initializer?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    return null;
            }
        }

        return value;
    }

    private static bool ClimbsUp(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnderWritableRoot(string path)
    {
        foreach (var root in WritableRoots)
        {
            if (path == root || path.StartsWith(root + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
