using System;
using System.Collections.Generic;
using System.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Path arithmetic on strings only (analyzers must not touch the file system): '/' separators,
/// '.' and '..' folded, no trailing separator, compared case-insensitively so Windows and macOS
/// paths match however they were typed.
/// </summary>
internal static class ConfigPaths
{
    public static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>The file name without its last extension (<c>Orders</c> for <c>out/Orders.zip</c>); a folder's own name.</summary>
    public static string FileNameWithoutExtension(string path)
    {
        var name = FileName(Normalize(path));
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    /// <summary>Whether a path names a zip (or a jar, which Lambda takes the same way).</summary>
    public static bool IsArchive(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jar", StringComparison.OrdinalIgnoreCase);

    public static string Directory(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? string.Empty : slash == 0 ? "/" : normalized.Substring(0, slash);
    }

    public static bool IsAbsolute(string path) =>
        path.StartsWith("/", StringComparison.Ordinal)
        || path.StartsWith("\\", StringComparison.Ordinal)
        || (path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]));

    /// <summary><paramref name="relative"/> resolved against <paramref name="baseDirectory"/>, normalized.</summary>
    public static string Combine(string baseDirectory, string relative)
    {
        relative = relative.Trim();
        if (IsAbsolute(relative))
        {
            return Normalize(relative);
        }

        return Normalize(relative.Length == 0 ? baseDirectory : baseDirectory + "/" + relative);
    }

    public static string Normalize(string path)
    {
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in path.Split('/', '\\'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var text = new StringBuilder(path.Length + 1);
        if (rooted)
        {
            text.Append('/');
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                text.Append('/');
            }

            text.Append(parts[i]);
        }

        return text.ToString();
    }

    public static bool AreSame(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or lies under it.</summary>
    public static bool IsSameOrUnder(string path, string directory)
    {
        var p = Normalize(path);
        var d = Normalize(directory);
        if (string.Equals(p, d, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var prefix = d.EndsWith("/", StringComparison.Ordinal) ? d : d + "/";
        return p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
