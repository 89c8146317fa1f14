using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Amazon.Lambda.StandIns.Tests.Core;

/// <summary>
/// Lists the public and protected surface of an assembly as text, one line per type and member, so two
/// builds (or a build and a hand-written expectation) compare line by line. Interface members say
/// whether they are <c>abstract</c> or <c>default</c> (a default interface member).
/// </summary>
internal static class SurfaceWriter
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<string> Describe(Assembly assembly, Func<Type, bool>? include = null) =>
        assembly.GetExportedTypes()
            .Where(include ?? (_ => true))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(DescribeType)
            .ToList();

    public static IEnumerable<string> DescribeType(Type type)
    {
        yield return Header(type);

        if (typeof(Attribute).IsAssignableFrom(type))
        {
            yield return "  " + AttributeUsage(type);
        }

        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                         .OrderBy(f => Convert.ToInt64(f.GetRawConstantValue())))
            {
                yield return $"  {field.Name} = {field.GetRawConstantValue()}";
            }

            yield break;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        var members = new List<string>();
        members.AddRange(type.GetConstructors(Declared).Where(IsVisible).Select(c => $"{Access(c)}.ctor({Parameters(c)})"));
        members.AddRange(type.GetProperties(Declared).Where(p => IsVisible(p.GetMethod ?? p.SetMethod!)).Select(Property));
        members.AddRange(type.GetMethods(Declared).Where(m => IsVisible(m) && !m.IsSpecialName).Select(Method));
        members.AddRange(type.GetFields(Declared).Where(IsVisible).Select(Field));
        members.Sort(StringComparer.Ordinal);

        foreach (var member in members)
        {
            yield return "  " + member;
        }
    }

    private static string Header(Type type)
    {
        string kind;
        if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsEnum)
        {
            kind = "enum";
        }
        else if (type.IsValueType)
        {
            kind = "struct";
        }
        else if (typeof(Delegate).IsAssignableFrom(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            return $"delegate {Name(invoke.ReturnType)} {Name(type)}({Parameters(invoke)})";
        }
        else if (type.IsAbstract && type.IsSealed)
        {
            kind = "static class";
        }
        else if (type.IsAbstract)
        {
            kind = "abstract class";
        }
        else if (type.IsSealed)
        {
            kind = "sealed class";
        }
        else
        {
            kind = "class";
        }

        var bases = new List<string>();
        if (!type.IsEnum && !type.IsValueType && type.BaseType is { } baseType && baseType != typeof(object))
        {
            bases.Add(Name(baseType));
        }

        if (!type.IsEnum)
        {
            var inherited = type.BaseType?.GetInterfaces() ?? Type.EmptyTypes;
            bases.AddRange(type.GetInterfaces().Except(inherited).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        return bases.Count == 0 ? $"{kind} {Name(type)}" : $"{kind} {Name(type)} : {string.Join(", ", bases)}";
    }

    private static string AttributeUsage(Type type)
    {
        var usage = type.GetCustomAttribute<AttributeUsageAttribute>()!;
        return $"[AttributeUsage({usage.ValidOn}, AllowMultiple = {usage.AllowMultiple}, Inherited = {usage.Inherited})]";
    }

    private static string Property(PropertyInfo property)
    {
        var accessor = (property.GetMethod ?? property.SetMethod)!;
        var accessors = property.GetMethod is not null && IsVisible(property.GetMethod) ? "get; " : string.Empty;
        if (property.SetMethod is not null && IsVisible(property.SetMethod))
        {
            accessors += "set; ";
        }

        var indexer = property.GetIndexParameters();
        var name = indexer.Length == 0 ? property.Name : $"this[{Parameters(indexer)}]";
        return $"{Modifiers(accessor)}property {Name(property.PropertyType)} {name} {{ {accessors}}}";
    }

    private static string Method(MethodInfo method)
    {
        var generic = method.IsGenericMethodDefinition
            ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
            : string.Empty;
        return $"{Modifiers(method)}method {Name(method.ReturnType)} {method.Name}{generic}({Parameters(method)})";
    }

    private static string Field(FieldInfo field) => field.IsLiteral
        ? $"{Access(field)}const {Name(field.FieldType)} {field.Name} = {Literal(field.GetRawConstantValue())}"
        : $"{Access(field)}{(field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}field {Name(field.FieldType)} {field.Name}";

    private static string Modifiers(MethodBase method)
    {
        var text = new StringBuilder(Access(method));
        if (method.DeclaringType!.IsInterface)
        {
            text.Append(method.IsStatic ? "static " : method.IsAbstract ? "abstract " : "default ");
        }
        else if (method.IsStatic)
        {
            text.Append("static ");
        }
        else if (method.IsAbstract)
        {
            text.Append("abstract ");
        }
        else if (method.IsVirtual && !method.IsFinal)
        {
            text.Append(((MethodInfo)method).GetBaseDefinition() == method ? "virtual " : "override ");
        }

        return text.ToString();
    }

    private static string Access(MethodBase method) => method.IsFamily || method.IsFamilyOrAssembly ? "protected " : string.Empty;

    private static string Access(FieldInfo field) => field.IsFamily || field.IsFamilyOrAssembly ? "protected " : string.Empty;

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static string Parameters(MethodBase method) => Parameters(method.GetParameters());

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(Parameter));

    private static string Parameter(ParameterInfo parameter)
    {
        var text = new StringBuilder();
        if (parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            text.Append("params ");
        }
        else if (parameter.ParameterType.IsByRef)
        {
            text.Append(parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ");
        }

        var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        text.Append(Name(type)).Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
        {
            text.Append(" = ").Append(Literal(parameter.RawDefaultValue));
        }

        return text.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition();
        var fullName = definition.FullName!;
        var plain = fullName[..fullName.IndexOf('`', StringComparison.Ordinal)];
        return $"{plain}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
