using System.Collections.Generic;
using System.Text.Json.Serialization;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using LambdaAnalyzers.Runtime;

namespace ReflectionDisabledRoundTrip;

public class Order
{
    public string Id { get; set; } = "";

    public decimal Total { get; set; }

    public List<string> Items { get; set; } = new();
}

public class Receipt
{
    public string OrderId { get; set; } = "";

    public decimal Charged { get; set; }
}

public class Refund
{
    public string OrderId { get; set; } = "";

    public decimal Amount { get; set; }
}

public class RefundResult
{
    public string OrderId { get; set; } = "";

    public bool Accepted { get; set; }
}

// LAM0102: the context lists the input type but not the output type.
[JsonSerializable(typeof(Order))]
public partial class OrdersContext : JsonSerializerContext
{
}

public class Functions
{
    // LAM0102: SourceGeneratorLambdaJsonSerializer<OrdersContext> has no metadata for Receipt.
    [LambdaHandler]
    [LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<OrdersContext>))]
    public Receipt Charge(Order order) => new() { OrderId = order.Id, Charged = order.Total };

    // LAM0104: a reflection-based serializer in a Native AOT project.
    [LambdaHandler]
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public RefundResult Refund(Refund refund) => new() { OrderId = refund.OrderId, Accepted = refund.Amount > 0 };
}
