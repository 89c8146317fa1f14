using System;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// A Lambda handler string parsed as the managed .NET runtime parses it
/// (docs/platform/handlers.md): <c>ASSEMBLY::TYPE::METHOD</c> for class libraries, split on
/// <c>::</c> into at most three trimmed, non-empty parts; a string without <c>::</c> names an
/// executable assembly and carries no type or method.
/// </summary>
internal readonly struct HandlerString
{
    private HandlerString(HandlerStringForm form, string text, string assembly, string type, string method)
    {
        Form = form;
        Text = text;
        Assembly = assembly;
        Type = type;
        Method = method;
    }

    public HandlerStringForm Form { get; }

    public string Text { get; }

    public string Assembly { get; }

    /// <summary>The type's full metadata name (<c>Namespace.Outer+Inner</c>).</summary>
    public string Type { get; }

    /// <summary>A method name, or a signature as <c>MethodInfo.ToString()</c> prints it.</summary>
    public string Method { get; }

    /// <summary>The same class-library string naming another assembly.</summary>
    public HandlerString WithAssembly(string assembly) =>
        new(HandlerStringForm.ClassLibrary, $"{assembly}::{Type}::{Method}", assembly, Type, Method);

    public static HandlerString Parse(string text)
    {
        if (text.IndexOf("::", StringComparison.Ordinal) < 0)
        {
            var assembly = text.Trim();
            return new HandlerString(assembly.Length == 0 ? HandlerStringForm.Invalid : HandlerStringForm.ExecutableAssembly, text, assembly, string.Empty, string.Empty);
        }

        var parts = text.Split(new[] { "::" }, 3, StringSplitOptions.None);
        if (parts.Length != 3)
        {
            return new HandlerString(HandlerStringForm.Invalid, text, string.Empty, string.Empty, string.Empty);
        }

        var a = parts[0].Trim();
        var t = parts[1].Trim();
        var m = parts[2].Trim();
        return a.Length == 0 || t.Length == 0 || m.Length == 0
            ? new HandlerString(HandlerStringForm.Invalid, text, string.Empty, string.Empty, string.Empty)
            : new HandlerString(HandlerStringForm.ClassLibrary, text, a, t, m);
    }
}

internal enum HandlerStringForm
{
    /// <summary>Not a string the runtime accepts (an empty part, two parts).</summary>
    Invalid,

    /// <summary><c>ASSEMBLY::TYPE::METHOD</c>: the managed runtime loads the method itself.</summary>
    ClassLibrary,

    /// <summary>An assembly name: the assembly's own <c>Main</c> runs the Runtime API loop.</summary>
    ExecutableAssembly,
}
