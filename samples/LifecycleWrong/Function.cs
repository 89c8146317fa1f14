using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.S3;
using Amazon.S3.Model;
using LambdaAnalyzers.Runtime;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace LifecycleWrong;

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

/// <summary>Archives an order to S3 — every lifecycle mistake in one handler (README.md lists them).</summary>
public class Function
{
    private static readonly HttpClient s_http = new HttpClient();
    private static readonly List<string> s_processed = new();
    private static readonly Timer s_heartbeat = new Timer(_ => Console.WriteLine("alive"), null, 0, 60_000);
    private static ILambdaContext? s_context;
    private OrderEvent? _current;

    [LambdaHandler]
    public OrderResult Handle(OrderEvent order, ILambdaContext context)
    {
        s_context = context;
        _current = order;
        var s3 = new AmazonS3Client();
        var listing = s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = order.Bucket }).Result;
        s3.PutObjectAsync(new PutObjectRequest { BucketName = order.Bucket, Key = order.OrderId, ContentBody = "archived" });
        File.WriteAllText("last-order.txt", order.OrderId);
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
        s_processed.Add(order.OrderId);
        if (listing.KeyCount > 1000)
        {
            Environment.Exit(1);
        }

        s_http.Dispose();
        return new OrderResult { OrderId = order.OrderId, Objects = listing.KeyCount ?? 0 };
    }
}
