using System.Collections.Generic;
using System.Linq;

namespace TodoApi;

public sealed record Todo(int Id, string Title, bool Done);

/// <summary>The todos of one execution environment (a real function would use a table; this one forgets them on a cold start).</summary>
public sealed class TodoStore
{
    private readonly SortedDictionary<int, Todo> _todos = new();
    private int _next;

    public IReadOnlyList<Todo> All => _todos.Values.ToList();

    public Todo? Find(int id) => _todos.GetValueOrDefault(id);

    public Todo Add(string title, bool done)
    {
        var todo = new Todo(++_next, title, done);
        _todos[todo.Id] = todo;
        return todo;
    }

    public Todo? Replace(int id, string title, bool done) => _todos.ContainsKey(id) ? _todos[id] = new Todo(id, title, done) : null;

    public bool Remove(int id) => _todos.Remove(id);
}
