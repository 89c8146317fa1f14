using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>A route that matched a request, with its path parameters (percent-decoded) and the path it saw.</summary>
internal sealed record RouteMatch(HttpRoute Route, IReadOnlyDictionary<string, string> PathParameters, string Path);

/// <summary>
/// API Gateway's route selection: the most specific route wins. Literal segments beat <c>{param}</c> segments, which
/// beat a greedy <c>{param+}</c>; a route's own method beats <c>ANY</c>; <c>$default</c> (and ALB and function URL
/// routes, which take every path) come last. A greedy variable takes one or more whole segments.
/// </summary>
internal sealed class RouteTable
{
    private readonly IReadOnlyList<(HttpRoute Route, Segment[] Segments)> _routes;

    public RouteTable(IEnumerable<HttpRoute> routes)
    {
        _routes = routes.Select(r => (r, Parse(r.Path))).ToList();
        foreach (var (route, segments) in _routes)
        {
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (segments[i].Kind == SegmentKind.Greedy)
                {
                    throw new ArgumentException($"Route '{route.RouteKey}': a greedy path variable must be the last segment.");
                }
            }
        }
    }

    public IReadOnlyList<HttpRoute> Routes => _routes.Select(r => r.Route).ToList();

    /// <summary>The best route for <paramref name="method"/> and <paramref name="path"/> (the request path without a stage), or null.</summary>
    public RouteMatch? Match(string method, string path)
    {
        var requestSegments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        RouteMatch? best = null;
        var bestScore = (-1, -1, -1, -1);
        foreach (var (route, segments) in _routes)
        {
            var methodMatches = string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase);
            if (!methodMatches && !string.Equals(route.Method, HttpRoute.AnyMethod, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Dictionary<string, string>? parameters;
            (int, int, int, int) score;
            if (IsCatchAll(route))
            {
                parameters = new Dictionary<string, string>();
                score = (0, 0, 0, methodMatches ? 1 : 0);
            }
            else
            {
                parameters = TryMatch(segments, requestSegments);
                if (parameters is null)
                {
                    continue;
                }

                var literals = segments.Count(s => s.Kind == SegmentKind.Literal);
                var variables = segments.Count(s => s.Kind == SegmentKind.Variable);
                var notGreedy = segments.Any(s => s.Kind == SegmentKind.Greedy) ? 0 : 1;
                score = (1 + notGreedy, literals, variables, methodMatches ? 1 : 0);
            }

            if (score.CompareTo(bestScore) > 0)
            {
                bestScore = score;
                best = new RouteMatch(route, parameters, path);
            }
        }

        return best;
    }

    /// <summary>Routes that take every request whatever its path.</summary>
    public static bool IsCatchAll(HttpRoute route) =>
        route.Path == HttpRoute.DefaultRoute || route.Format is HttpEventFormat.FunctionUrl or HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders;

    private static Dictionary<string, string>? TryMatch(Segment[] template, string[] request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var segment = template[i];
            if (segment.Kind == SegmentKind.Greedy)
            {
                if (i >= request.Length)
                {
                    return null;
                }

                parameters[segment.Text] = Uri.UnescapeDataString(string.Join("/", request.Skip(i)));
                return parameters;
            }

            if (i >= request.Length)
            {
                return null;
            }

            if (segment.Kind == SegmentKind.Literal)
            {
                if (!string.Equals(segment.Text, Uri.UnescapeDataString(request[i]), StringComparison.Ordinal))
                {
                    return null;
                }
            }
            else
            {
                parameters[segment.Text] = Uri.UnescapeDataString(request[i]);
            }
        }

        return template.Length == request.Length ? parameters : null;
    }

    private static Segment[] Parse(string path)
    {
        if (path == HttpRoute.DefaultRoute)
        {
            return Array.Empty<Segment>();
        }

        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal) ? new Segment(SegmentKind.Greedy, part.Substring(1, part.Length - 3))
            : part.StartsWith('{') && part.EndsWith('}') ? new Segment(SegmentKind.Variable, part.Substring(1, part.Length - 2))
            : new Segment(SegmentKind.Literal, part)).ToArray();
    }

    private enum SegmentKind
    {
        Literal,
        Variable,
        Greedy,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
