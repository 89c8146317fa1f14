using static LambdaAnalyzers.Generators.Events.Catalog.TypeBuilder;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>Streams and log data: DynamoDB Streams, Kinesis Data Streams, Amazon Data Firehose, CloudWatch Logs.</summary>
internal static class StreamsCatalog
{
    private const string Dynamo = "DynamoDBEvent";

    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html</summary>
    public static CatalogGroup DynamoDb { get; } = new(
        "DynamoDb",
        EventSources.DynamoDb,
        "DynamoDB Streams: the batch of item changes an event source mapping delivers.",
        Class(Dynamo, "A batch of DynamoDB stream records.")
            .Required("Records", "Records", W.IList(W.Obj(Dynamo + ".DynamodbStreamRecord")), "The changes, in order per item."),
        Class("DynamodbStreamRecord", "One change to one item.")
            .In(Dynamo)
            .Required("EventID", "eventID", W.String, "The record's ID.")
            .Required("EventName", "eventName", W.String, "<c>INSERT</c>, <c>MODIFY</c> or <c>REMOVE</c>.")
            .Required("EventVersion", "eventVersion", W.String, "The version of the record format.")
            .Required("EventSource", "eventSource", W.String, "Always <c>aws:dynamodb</c>.")
            .Required("AwsRegion", "awsRegion", W.String, "The table's region.")
            .Required("Dynamodb", "dynamodb", W.Obj(Dynamo + ".StreamRecord"), "The change.")
            .Required("EventSourceArn", "eventSourceARN", W.String, "The ARN of the stream.")
            .Optional("UserIdentity", "userIdentity", W.Obj(Dynamo + ".Identity"), "Who made the change: set for deletions by time to live."),
        Class("StreamRecord", "The keys and images of a change.")
            .In(Dynamo)
            .Required("ApproximateCreationDateTime", "ApproximateCreationDateTime", W.EpochSeconds, "About when the change was made (UTC; sent as Unix seconds).")
            .Required("Keys", "Keys", W.Dictionary(W.Obj(Dynamo + ".AttributeValue")), "The item's key attributes.")
            .Optional("NewImage", "NewImage", W.Dictionary(W.Obj(Dynamo + ".AttributeValue")), "The item after the change (NEW_IMAGE, NEW_AND_OLD_IMAGES).")
            .Optional("OldImage", "OldImage", W.Dictionary(W.Obj(Dynamo + ".AttributeValue")), "The item before the change (OLD_IMAGE, NEW_AND_OLD_IMAGES).")
            .Required("SequenceNumber", "SequenceNumber", W.String, "The record's position in its shard.")
            .Required("SizeBytes", "SizeBytes", W.Long, "The record's size in bytes.")
            .Required("StreamViewType", "StreamViewType", W.String, "Which images the stream holds."),
        Class("Identity", "The principal of a change.")
            .In(Dynamo)
            .Optional("PrincipalId", "principalId", W.String, "<c>dynamodb.amazonaws.com</c> for time to live.")
            .Optional("Type", "type", W.String, "<c>Service</c>."),
        Class("AttributeValue", "One attribute value in DynamoDB's typed form: exactly one member is set.")
            .In(Dynamo)
            .Optional("S", "S", W.String, "A string.")
            .Optional("N", "N", W.String, "A number, as text (DynamoDB numbers have up to 38 digits).")
            .Optional("B", "B", W.Base64, "A binary value, decoded.")
            .Optional("SS", "SS", W.StringList, "A string set.")
            .Optional("NS", "NS", W.StringList, "A number set, as text.")
            .Optional("BS", "BS", W.List(W.Base64), "A binary set, decoded.")
            .Optional("M", "M", W.Dictionary(W.Obj(Dynamo + ".AttributeValue")), "A map.")
            .Optional("L", "L", W.List(W.Obj(Dynamo + ".AttributeValue")), "A list.")
            .Optional("NULL", "NULL", W.Bool, "True for a null.")
            .Optional("BOOL", "BOOL", W.Bool, "A boolean."));

    /// <summary>
    /// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html (the same response for
    /// Kinesis): one class for both sources.
    /// </summary>
    public static CatalogGroup StreamsResponse { get; } = new(
        "StreamsEventResponse",
        EventSources.DynamoDb | EventSources.Kinesis,
        "The partial batch response of DynamoDB Streams and Kinesis event source mappings.",
        Class("StreamsEventResponse", "What a handler returns to report the first record it failed (with <c>ReportBatchItemFailures</c>); the batch is retried from there.")
            .Required("BatchItemFailures", "batchItemFailures", W.IList(W.Obj("StreamsEventResponse.BatchItemFailure")), "The failed records; empty when the whole batch succeeded."),
        Class("BatchItemFailure", "A failed record.")
            .In("StreamsEventResponse")
            .Required("ItemIdentifier", "itemIdentifier", W.String, "The failed record's sequence number."));

    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html</summary>
    public static CatalogGroup Kinesis { get; } = new(
        "Kinesis",
        EventSources.Kinesis,
        "Kinesis Data Streams: the batch of records an event source mapping delivers.",
        Class("KinesisEvent", "A batch of Kinesis records.")
            .Required("Records", "Records", W.IList(W.Obj("KinesisEvent.KinesisEventRecord")), "The records, in order per shard."),
        Class("KinesisEventRecord", "One record and where it comes from.")
            .In("KinesisEvent")
            .Required("Kinesis", "kinesis", W.Obj("KinesisEvent.Record"), "The record.")
            .Required("EventSource", "eventSource", W.String, "Always <c>aws:kinesis</c>.")
            .Required("EventVersion", "eventVersion", W.String, "The version of the record format.")
            .Required("EventId", "eventID", W.String, "The shard and sequence number.")
            .Required("EventName", "eventName", W.String, "<c>aws:kinesis:record</c>.")
            .Required("InvokeIdentityArn", "invokeIdentityArn", W.String, "The role the event source mapping reads with.")
            .Required("AwsRegion", "awsRegion", W.String, "The stream's region.")
            .Required("EventSourceARN", "eventSourceARN", W.String, "The ARN of the stream."),
        Class("Record", "A Kinesis record; <see cref=\"Data\"/> holds the decoded bytes.")
            .In("KinesisEvent")
            .Required("KinesisSchemaVersion", "kinesisSchemaVersion", W.String, "The version of the record format.")
            .Required("PartitionKey", "partitionKey", W.String, "The partition key the producer gave.")
            .Required("SequenceNumber", "sequenceNumber", W.String, "The record's position in its shard.")
            .Required("Data", "data", W.Base64, "The record's data, decoded from base64.")
            .Optional("ApproximateArrivalTimestamp", "approximateArrivalTimestamp", W.EpochSeconds, "About when the record arrived in the stream (UTC; sent as Unix seconds).")
            .Optional("EncryptionType", "encryptionType", W.String, "<c>KMS</c> when the record was encrypted on the server."));

    /// <summary>https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html</summary>
    public static CatalogGroup KinesisFirehose { get; } = new(
        "KinesisFirehose",
        EventSources.KinesisFirehose,
        "Amazon Data Firehose data transformation: the records to transform and the transformed records.",
        Class("KinesisFirehoseEvent", "Records Firehose asks a transformation function to transform.")
            .Required("InvocationId", "invocationId", W.String, "The invocation's ID.")
            .Required("DeliveryStreamArn", "deliveryStreamArn", W.String, "The ARN of the Firehose stream.")
            .Optional("SourceKinesisStreamArn", "sourceKinesisStreamArn", W.String, "The ARN of the Kinesis data stream, when it is the source.")
            .Required("Region", "region", W.String, "The Firehose stream's region.")
            .Required("Records", "records", W.IList(W.Obj("KinesisFirehoseEvent.FirehoseRecord")), "The records."),
        Class("FirehoseRecord", "A record to transform; its data is base64 (<see cref=\"DecodeData\"/> decodes it).")
            .In("KinesisFirehoseEvent")
            .Required("RecordId", "recordId", W.String, "The record's ID; the response must return it.")
            .Required("ApproximateArrivalEpoch", "approximateArrivalTimestamp", W.Long, "About when the record arrived, in Unix milliseconds.")
            .Required("Base64EncodedData", "data", W.String, "The record's data in base64.")
            .Optional("KinesisRecordMetadata", "kinesisRecordMetadata", W.Obj("KinesisFirehoseEvent.KinesisRecordMetadata"), "Where the record was in the Kinesis data stream, when it is the source.")
            .WithMembers("""
                /// <summary>About when the record arrived (UTC).</summary>
                public global::System.DateTime ApproximateArrivalTimestamp => global::System.DateTime.UnixEpoch.AddMilliseconds(ApproximateArrivalEpoch);

                /// <summary>The record's data, decoded from base64 as UTF-8 text.</summary>
                public string DecodeData() => global::System.Text.Encoding.UTF8.GetString(global::System.Convert.FromBase64String(Base64EncodedData));
                """),
        Class("KinesisRecordMetadata", "Where a record was in its Kinesis data stream.")
            .In("KinesisFirehoseEvent")
            .Optional("ShardId", "shardId", W.String, "The shard.")
            .Optional("PartitionKey", "partitionKey", W.String, "The partition key.")
            .Required("ApproximateArrivalTimestamp", "approximateArrivalTimestamp", W.Long, "About when the record arrived in the data stream, in Unix milliseconds.")
            .Optional("SequenceNumber", "sequenceNumber", W.String, "The sequence number.")
            .Required("SubsequenceNumber", "subsequenceNumber", W.Long, "The position within an aggregated record."),
        Class("KinesisFirehoseResponse", "The transformed records a transformation function returns, one per record it received.")
            .Required("Records", "records", W.IList(W.Obj("KinesisFirehoseResponse.FirehoseRecord")), "The transformed records.")
            .WithMembers("""
                /// <summary>The record was transformed.</summary>
                public const string TRANSFORMED_STATE_OK = "Ok";

                /// <summary>The record is dropped on purpose.</summary>
                public const string TRANSFORMED_STATE_DROPPED = "Dropped";

                /// <summary>The record could not be transformed; Firehose sends it to the error output.</summary>
                public const string TRANSFORMED_STATE_PROCESSINGFAILED = "ProcessingFailed";
                """),
        Class("FirehoseRecord", "A transformed record.")
            .In("KinesisFirehoseResponse")
            .Required("RecordId", "recordId", W.String, "The ID of the record it came from.")
            .Required("Result", "result", W.String, "<c>Ok</c>, <c>Dropped</c> or <c>ProcessingFailed</c> (the <c>TRANSFORMED_STATE_*</c> constants).")
            .Required("Base64EncodedData", "data", W.String, "The transformed data in base64 (<see cref=\"EncodeData\"/> sets it).")
            .Optional("Metadata", "metadata", W.Obj("KinesisFirehoseResponse.FirehoseResponseRecordMetadata"), "Dynamic partitioning keys.")
            .WithMembers("""
                /// <summary>Sets the data to <paramref name="data"/> as UTF-8, in base64.</summary>
                public void EncodeData(string data) => Base64EncodedData = global::System.Convert.ToBase64String(global::System.Text.Encoding.UTF8.GetBytes(data));
                """),
        Class("FirehoseResponseRecordMetadata", "Metadata of a transformed record.")
            .In("KinesisFirehoseResponse")
            .Optional("PartitionKeys", "partitionKeys", W.StringDictionary, "The keys that choose the record's partition (dynamic partitioning)."));

    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html</summary>
    public static CatalogGroup CloudWatchLogs { get; } = new(
        "CloudWatchLogs",
        EventSources.CloudWatchLogs,
        "CloudWatch Logs subscriptions: log events, gzipped and base64-encoded.",
        Class("CloudWatchLogsEvent", "Log events a subscription filter delivers.")
            .Required("Awslogs", "awslogs", W.Obj("CloudWatchLogsEvent.Log"), "The compressed log data."),
        Class("Log", "The log data: a gzipped JSON document in base64 (<see cref=\"DecodeData\"/> unpacks it).")
            .In("CloudWatchLogsEvent")
            .Required("EncodedData", "data", W.String, "The gzipped JSON in base64.")
            .WithMembers("""
                /// <summary>
                /// The log data as JSON text: <c>messageType</c>, <c>owner</c>, <c>logGroup</c>, <c>logStream</c>,
                /// <c>subscriptionFilters</c> and <c>logEvents</c> (<c>id</c>, <c>timestamp</c>, <c>message</c>).
                /// </summary>
                public string DecodeData()
                {
                    if (string.IsNullOrEmpty(EncodedData))
                    {
                        return EncodedData;
                    }

                    using var compressed = new global::System.IO.MemoryStream(global::System.Convert.FromBase64String(EncodedData));
                    using var gzip = new global::System.IO.Compression.GZipStream(compressed, global::System.IO.Compression.CompressionMode.Decompress);
                    using var text = new global::System.IO.StreamReader(gzip, global::System.Text.Encoding.UTF8);
                    return text.ReadToEnd();
                }
                """));
}
