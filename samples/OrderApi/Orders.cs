using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using LambdaAnalyzers.Runtime;

namespace OrderApi;

/// <summary>
/// The two handlers of the function. Deploy the one bootstrap twice (or behind two aliases) with
/// <c>_HANDLER</c> set to <c>place-order</c> or <c>order-status</c>; <see cref="LambdaHandlerAttribute"/>
/// names them and the generated <c>Main</c> picks one by that variable.
/// </summary>
public sealed class Orders
{
    // Created once per execution environment, in Init: the generated bootstrap constructs the
    // handler's type before the first invoke, so this cost is not paid by a request.
    private readonly OrderBook _book = new();

    [LambdaHandler("place-order")]
    public OrderConfirmation PlaceOrder(PlaceOrderRequest request, ILambdaContext context)
    {
        // Deserialized JSON may lack "Items" whatever the record declares.
        if (request.Items is null || request.Items.Count == 0)
        {
            throw new ArgumentException("An order needs at least one item.", nameof(request));
        }

        var total = request.Items.Sum(static item => item.Quantity * item.UnitPrice);
        var orderId = _book.Add(request.CustomerId, total);
        context.Logger.LogLine($"Placed order {orderId} for {request.CustomerId}: {total:0.00}");
        return new OrderConfirmation(orderId, total, context.AwsRequestId);
    }

    [LambdaHandler("order-status")]
    public async Task<OrderStatus> GetStatusAsync(OrderStatusRequest request, ILambdaContext context)
    {
        // The status store is slow at times. Stop waiting shortly before the invoke's deadline and
        // answer "Unknown" rather than letting Lambda kill the environment with a timeout.
        var budget = context.RemainingTime - TimeSpan.FromMilliseconds(250);
        using var deadline = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
        try
        {
            var status = await _book.LookUpAsync(request.OrderId, TimeSpan.FromMilliseconds(request.SimulatedLatencyMs), deadline.Token);
            return new OrderStatus(request.OrderId, status);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new OrderStatus(request.OrderId, "Unknown");
        }
    }
}

/// <summary>An in-memory stand-in for the order store a real function would call.</summary>
internal sealed class OrderBook
{
    private readonly Dictionary<string, decimal> _orders = new(StringComparer.Ordinal);
    private int _next;

    public string Add(string customerId, decimal total)
    {
        var orderId = $"{customerId}-{Interlocked.Increment(ref _next):D4}";
        _orders[orderId] = total;
        return orderId;
    }

    public async Task<string> LookUpAsync(string orderId, TimeSpan latency, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        return _orders.ContainsKey(orderId) ? "Placed" : "NotFound";
    }
}
