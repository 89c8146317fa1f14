using static LambdaAnalyzers.Generators.Events.Catalog.TypeBuilder;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>Amazon SQS and Amazon SNS.</summary>
internal static class MessagingCatalog
{
    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html</summary>
    public static CatalogGroup Sqs { get; } = new(
        "Sqs",
        EventSources.Sqs,
        "Amazon SQS: the batch an event source mapping delivers, and the partial batch response.",
        Class("SQSEvent", "A batch of Amazon SQS messages delivered by an event source mapping.")
            .Required("Records", "Records", W.List(W.Obj("SQSEvent.SQSMessage")), "The messages of the batch."),
        Class("SQSMessage", "One message of the batch.")
            .In("SQSEvent")
            .Required("MessageId", "messageId", W.String, "The message's ID, unique in the queue; report it in <c>SQSBatchResponse</c> when it failed.")
            .Required("ReceiptHandle", "receiptHandle", W.String, "The handle that deletes the message or changes its visibility.")
            .Required("Body", "body", W.String, "The message body as sent.")
            .Optional("Md5OfBody", "md5OfBody", W.String, "The MD5 digest of the body.")
            .Optional("Md5OfMessageAttributes", "md5OfMessageAttributes", W.String, "The MD5 digest of the message attributes, when there are any.")
            .Required("EventSourceArn", "eventSourceARN", W.String, "The ARN of the queue.")
            .Required("EventSource", "eventSource", W.String, "Always <c>aws:sqs</c>.")
            .Required("AwsRegion", "awsRegion", W.String, "The queue's region.")
            .Required("Attributes", "attributes", W.StringDictionary, "System attributes such as <c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>, <c>SenderId</c>, <c>MessageGroupId</c>.")
            .Required("MessageAttributes", "messageAttributes", W.Dictionary(W.Obj("SQSEvent.MessageAttribute")), "The sender's message attributes by name."),
        Class("MessageAttribute", "A message attribute: its data type and a string or binary value.")
            .In("SQSEvent")
            .Optional("StringValue", "stringValue", W.String, "The value of a String or Number attribute.")
            .Optional("BinaryValue", "binaryValue", W.Base64, "The value of a Binary attribute, decoded.")
            .Optional("StringListValues", "stringListValues", W.StringList, "Reserved by SQS; empty.")
            .Optional("BinaryListValues", "binaryListValues", W.List(W.Base64), "Reserved by SQS; empty.")
            .Required("DataType", "dataType", W.String, "<c>String</c>, <c>Number</c> or <c>Binary</c>, with an optional custom suffix."),
        Class("SQSBatchResponse", "What a handler returns to report the messages it failed (with <c>ReportBatchItemFailures</c> on the event source mapping); the others are deleted.")
            .Required("BatchItemFailures", "batchItemFailures", W.List(W.Obj("SQSBatchResponse.BatchItemFailure")), "The failed messages; empty when the whole batch succeeded.")
            .WithMembers("""
                /// <summary>A response with no failures yet.</summary>
                public SQSBatchResponse()
                {
                }

                /// <summary>A response reporting <paramref name="batchItemFailures"/>.</summary>
                public SQSBatchResponse(global::System.Collections.Generic.List<BatchItemFailure> batchItemFailures) => BatchItemFailures = batchItemFailures;
                """),
        Class("BatchItemFailure", "A message that failed.")
            .In("SQSBatchResponse")
            .Required("ItemIdentifier", "itemIdentifier", W.String, "The failed message's <c>MessageId</c>."));

    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html</summary>
    public static CatalogGroup Sns { get; } = new(
        "Sns",
        EventSources.Sns,
        "Amazon SNS: the notification a subscription delivers.",
        Class("SNSEvent", "An Amazon SNS notification delivered to a subscribed function.")
            .Required("Records", "Records", W.IList(W.Obj("SNSEvent.SNSRecord")), "The notification (one record)."),
        Class("SNSRecord", "One delivered notification.")
            .In("SNSEvent")
            .Required("EventSource", "EventSource", W.String, "Always <c>aws:sns</c>.")
            .Required("EventSubscriptionArn", "EventSubscriptionArn", W.String, "The ARN of the subscription.")
            .Required("EventVersion", "EventVersion", W.String, "The version of the record format.")
            .Required("Sns", "Sns", W.Obj("SNSEvent.SNSMessage"), "The message."),
        Class("SNSMessage", "The SNS message as published.")
            .In("SNSEvent")
            .Required("Type", "Type", W.String, "<c>Notification</c>.")
            .Required("MessageId", "MessageId", W.String, "The message's ID.")
            .Required("TopicArn", "TopicArn", W.String, "The ARN of the topic.")
            .Optional("Subject", "Subject", W.String, "The subject, when the publisher gave one.")
            .Required("Message", "Message", W.String, "The message body.")
            .Required("Timestamp", "Timestamp", W.IsoMilliseconds, "When the message was published (UTC).")
            .Required("SignatureVersion", "SignatureVersion", W.String, "The version of the signature.")
            .Required("Signature", "Signature", W.String, "The base64 signature of the message.")
            .Required("SigningCertUrl", "SigningCertUrl", W.String, "Where the signing certificate is.")
            .Required("UnsubscribeUrl", "UnsubscribeUrl", W.String, "The URL that ends the subscription.")
            .Required("MessageAttributes", "MessageAttributes", W.IDictionary(W.Obj("SNSEvent.MessageAttribute")), "The publisher's message attributes by name."),
        Class("MessageAttribute", "A message attribute.")
            .In("SNSEvent")
            .Required("Type", "Type", W.String, "<c>String</c>, <c>String.Array</c>, <c>Number</c> or <c>Binary</c>.")
            .Required("Value", "Value", W.String, "The value as text (base64 for Binary)."));
}
