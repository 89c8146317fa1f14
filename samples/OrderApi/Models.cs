using System.Collections.Generic;
using System.Text.Json.Serialization;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

// Native AOT has no reflection-based JSON: every type the handlers read or write is listed in a
// source-generated context (LAM0102 reports one that is missing, at build time).
[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<OrderApi.OrderApiJsonContext>))]

namespace OrderApi;

public sealed record OrderItem(string Sku, int Quantity, decimal UnitPrice);

public sealed record PlaceOrderRequest(string CustomerId, IReadOnlyList<OrderItem> Items);

public sealed record OrderConfirmation(string OrderId, decimal Total, string RequestId);

/// <param name="OrderId">The order to look up.</param>
/// <param name="SimulatedLatencyMs">How slow the store is for this request (to try the deadline handling locally).</param>
public sealed record OrderStatusRequest(string OrderId, int SimulatedLatencyMs = 0);

public sealed record OrderStatus(string OrderId, string Status);

[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(OrderConfirmation))]
[JsonSerializable(typeof(OrderStatusRequest))]
[JsonSerializable(typeof(OrderStatus))]
public sealed partial class OrderApiJsonContext : JsonSerializerContext;
