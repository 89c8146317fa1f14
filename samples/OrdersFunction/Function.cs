using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace OrdersFunction;

public sealed class Order
{
    public string Id { get; set; } = string.Empty;

    public List<OrderLine> Lines { get; set; } = new();
}

public sealed class OrderLine
{
    public string Sku { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}

public sealed class Receipt
{
    public string OrderId { get; set; } = string.Empty;

    public decimal Total { get; set; }
}

public class Function
{
    private readonly string _currency = Environment.GetEnvironmentVariable("CURRENCY") ?? "EUR";

    /// <summary>Prices an order: "OrdersFunction::OrdersFunction.Function::HandleAsync".</summary>
    public Task<Receipt> HandleAsync(Order order, ILambdaContext context)
    {
        decimal total = 0;
        foreach (var line in order.Lines)
        {
            total += line.Quantity * line.UnitPrice;
        }

        context.Logger.LogLine($"Order {order.Id}: {total} {_currency}");
        return Task.FromResult(new Receipt { OrderId = order.Id, Total = total });
    }

    /// <summary>A health check: "OrdersFunction::OrdersFunction.Function::Ping".</summary>
    public string Ping(ILambdaContext context) => "pong";
}
