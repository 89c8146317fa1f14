using System;
using LambdaAnalyzers.Runtime;
using TodoApi;

// One executable, two functions (template.yaml): the dotnet10 runtime starts the assembly the handler names, so
// an environment variable of the Export function says which loop this environment runs.
var todos = new TodoStore();
if (Environment.GetEnvironmentVariable("TODO_FUNCTION") == "export")
{
    await LambdaRuntime.RunStreamingAsync(new ExportFunction(todos).HandleAsync);
}
else
{
    await LambdaRuntime.RunAsync(new TodosFunction(todos).HandleAsync);
}
