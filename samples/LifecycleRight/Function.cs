using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using Amazon;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.S3;
using Amazon.S3.Model;
using LambdaAnalyzers.Runtime;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace LifecycleRight;

public class OrderEvent
{
    public string OrderId { get; set; } = "";

    public string Bucket { get; set; } = "orders";
}

public class OrderResult
{
    public string OrderId { get; set; } = "";

    public int Objects { get; set; }
}

/// <summary>Archives an order to S3: one client for the environment, everything awaited, state per invoke.</summary>
public class Function
{
    // Created once during Init and reused by every invoke; never disposed by a handler.
    private static readonly AmazonS3Client S3 = new AmazonS3Client(RegionEndpoint.EUWest1);

    // Safe under Lambda Managed Instances, where several invokes run at once.
    private static readonly ConcurrentDictionary<string, DateTime> s_processed = new();

    [LambdaHandler]
    public async Task<OrderResult> Handle(OrderEvent order, ILambdaContext context)
    {
        context.Logger.LogInformation($"Archiving {order.OrderId} ({context.AwsRequestId})");
        var listing = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = order.Bucket });
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = order.Bucket, Key = order.OrderId, ContentBody = "archived" });
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "last-order.txt"), order.OrderId);
        s_processed[order.OrderId] = DateTime.UtcNow;
        if (listing.KeyCount > 1000)
        {
            throw new InvalidOperationException($"Bucket {order.Bucket} holds too many objects to archive {order.OrderId}.");
        }

        return new OrderResult { OrderId = order.OrderId, Objects = listing.KeyCount ?? 0 };
    }
}
