using System.Threading.Tasks;
using Amazon;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace PackageConsumer;

public class Function
{
    // Wrong on purpose: LAM0211 reports these made-up keys. The fix is `new AmazonS3Client(RegionEndpoint.USEast1)`.
    private static readonly IAmazonS3 S3 = new AmazonS3Client(
        new BasicAWSCredentials("AKIAZXCVBNMQWERTYUIO", "u8Jk2LmN4pQr6StUv8WxYz0AbCdEfGhIjKlMnOpQ"),
        RegionEndpoint.USEast1);

    public async Task<int> CountObjectsAsync(string bucket, ILambdaContext context)
    {
        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        context.Logger.LogLine($"{bucket} holds {response.KeyCount} objects");
        return response.KeyCount ?? 0;
    }
}
