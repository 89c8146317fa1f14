using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LambdaAnalyzers.Generators.Events.Inference;

/// <summary>C# names for JSON keys: PascalCase, valid, unique where they must be.</summary>
internal static class Identifiers
{
    /// <summary>
    /// <c>order_id</c>, <c>orderId</c> and <c>order-id</c> become <c>OrderId</c>; characters that cannot be in an identifier
    /// separate words; a leading digit gets an underscore; a key with no letter or digit becomes <c>Property</c>.
    /// </summary>
    public static string Pascal(string key)
    {
        var name = new StringBuilder();
        var upperNext = true;
        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            name.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (name.Length == 0)
        {
            return "Property";
        }

        if (char.IsDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.ToString();
    }

    /// <summary>A name for one item of an array property: <c>Items</c> → <c>Item</c>, <c>Addresses</c> → <c>Address</c>, <c>Data</c> → <c>DataItem</c>.</summary>
    public static string Singular(string plural)
    {
        if (plural.EndsWith("ies", StringComparison.Ordinal) && plural.Length > 4)
        {
            return plural.Substring(0, plural.Length - 3) + "y";
        }

        foreach (var suffix in new[] { "sses", "xes", "ches", "shes" })
        {
            if (plural.EndsWith(suffix, StringComparison.Ordinal) && plural.Length > suffix.Length + 1)
            {
                return plural.Substring(0, plural.Length - 2);
            }
        }

        if (plural.Length > 3 && plural[plural.Length - 1] == 's' && !plural.EndsWith("ss", StringComparison.Ordinal)
            && !plural.EndsWith("us", StringComparison.Ordinal) && !plural.EndsWith("is", StringComparison.Ordinal))
        {
            return plural.Substring(0, plural.Length - 1);
        }

        return plural + "Item";
    }

    /// <summary><paramref name="name"/>, or with the first free number appended when <paramref name="taken"/> has it; then taken.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>Text for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
