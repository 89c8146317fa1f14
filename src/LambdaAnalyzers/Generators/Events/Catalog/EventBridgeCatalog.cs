using static LambdaAnalyzers.Generators.Events.Catalog.TypeBuilder;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>EventBridge (CloudWatch Events) envelopes, scheduled events, and Amazon S3 in both of its delivery forms.</summary>
internal static class EventBridgeCatalog
{
    private const string Event = "CloudWatchEvent";

    /// <summary>
    /// https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html — the envelope, shared by every
    /// EventBridge event and by S3 events delivered through EventBridge.
    /// </summary>
    public static CatalogGroup Envelope { get; } = new(
        "CloudWatchEvent",
        EventSources.EventBridge | EventSources.S3,
        "The EventBridge (CloudWatch Events) envelope, generic in its detail.",
        Class(Event, "An EventBridge event: the envelope every source shares, with the source's own <see cref=\"Detail\"/>. Use your detail type as <typeparamref name=\"T\"/>, or JsonElement.")
            .Unsealed()
            .Generic("T", resolverMethod: "WithDetail")
            .Required("Version", "version", W.String, "The envelope version, <c>0</c>.")
            .Required("Id", "id", W.String, "The event's ID.")
            .Required("DetailType", "detail-type", W.String, "What happened, such as <c>Scheduled Event</c> or <c>Object Created</c>.")
            .Required("Source", "source", W.String, "Who sent it, such as <c>aws.events</c> or your own source name.")
            .Required("Account", "account", W.String, "The AWS account of the source.")
            .Required("Time", "time", W.IsoSeconds, "When it happened (UTC).")
            .Required("Region", "region", W.String, "The region of the source.")
            .Required("Resources", "resources", W.StringList, "ARNs of the resources involved.")
            .Optional("Detail", "detail", W.Param("T"), "The source's own data."));

    /// <summary>https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html</summary>
    public static CatalogGroup EventBridge { get; } = new(
        "EventBridge",
        EventSources.EventBridge,
        "EventBridge scheduled events.",
        Class("ScheduledEvent", "The event a schedule rule sends; its detail is empty.")
            .Derives(Event, W.Obj("Detail")),
        Class("Detail", "The (empty) detail of a scheduled event."));

    /// <summary>
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html and
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
    /// </summary>
    public static CatalogGroup S3 { get; } = new(
        "S3",
        EventSources.S3,
        "Amazon S3 event notifications, and S3 events delivered by EventBridge.",
        Class("S3Event", "Amazon S3 event notifications sent straight to a function.")
            .Required("Records", "Records", W.List(W.Obj("S3Event.S3EventNotificationRecord")), "The notifications."),
        Class("S3EventNotificationRecord", "One notification: what happened to which object.")
            .In("S3Event")
            .Required("EventVersion", "eventVersion", W.String, "The version of the record format.")
            .Required("EventSource", "eventSource", W.String, "Always <c>aws:s3</c>.")
            .Required("AwsRegion", "awsRegion", W.String, "The bucket's region.")
            .Required("EventTime", "eventTime", W.IsoMilliseconds, "When S3 finished the request (UTC).")
            .Required("EventName", "eventName", W.String, "The event type, such as <c>ObjectCreated:Put</c>.")
            .Optional("UserIdentity", "userIdentity", W.Obj("S3Event.UserIdentityEntity"), "Who made the request.")
            .Optional("RequestParameters", "requestParameters", W.Obj("S3Event.RequestParametersEntity"), "Where the request came from.")
            .Optional("ResponseElements", "responseElements", W.Obj("S3Event.ResponseElementsEntity"), "The request IDs AWS support asks for.")
            .Required("S3", "s3", W.Obj("S3Event.S3Entity"), "The bucket and the object.")
            .Optional("GlacierEventData", "glacierEventData", W.Obj("S3Event.S3GlacierEventDataEntity"), "Restore details (ObjectRestore:Completed)."),
        Class("UserIdentityEntity", "An AWS principal.")
            .In("S3Event")
            .Optional("PrincipalId", "principalId", W.String, "The principal's ID."),
        Class("RequestParametersEntity", "Where the request came from.")
            .In("S3Event")
            .Optional("SourceIPAddress", "sourceIPAddress", W.String, "The source IP address."),
        Class("ResponseElementsEntity", "The request IDs AWS support asks for.")
            .In("S3Event")
            .Optional("XAmzRequestId", "x-amz-request-id", W.String, "The request ID.")
            .Optional("XAmzId2", "x-amz-id-2", W.String, "The host that served the request."),
        Class("S3Entity", "The bucket and the object.")
            .In("S3Event")
            .Required("S3SchemaVersion", "s3SchemaVersion", W.String, "The version of this structure.")
            .Optional("ConfigurationId", "configurationId", W.String, "The ID of the notification configuration.")
            .Required("Bucket", "bucket", W.Obj("S3Event.S3BucketEntity"), "The bucket.")
            .Required("Object", "object", W.Obj("S3Event.S3ObjectEntity"), "The object."),
        Class("S3BucketEntity", "A bucket.")
            .In("S3Event")
            .Required("Name", "name", W.String, "The bucket's name.")
            .Optional("OwnerIdentity", "ownerIdentity", W.Obj("S3Event.UserIdentityEntity"), "The bucket owner.")
            .Required("Arn", "arn", W.String, "The bucket's ARN."),
        Class("S3ObjectEntity", "An object.")
            .In("S3Event")
            .Required("Key", "key", W.String, "The object key, URL-encoded as S3 sends it; <see cref=\"KeyDecoded\"/> decodes it.")
            .Required("Size", "size", W.Long, "The object's size in bytes (0 for deletions).")
            .Optional("ETag", "eTag", W.String, "The object's entity tag.")
            .Optional("VersionId", "versionId", W.String, "The object version, in a versioned bucket.")
            .Optional("Sequencer", "sequencer", W.String, "Orders the events of one key: a greater value (compared as hex text of equal length) is later.")
            .WithMembers("""
                /// <summary>The object key with its URL encoding removed (<c>+</c> and <c>%XX</c>).</summary>
                public string KeyDecoded => global::System.Net.WebUtility.UrlDecode(Key);
                """),
        Class("S3GlacierEventDataEntity", "Restore details.")
            .In("S3Event")
            .Optional("RestoreEventData", "restoreEventData", W.Obj("S3Event.S3RestoreEventDataEntity"), "The restored copy."),
        Class("S3RestoreEventDataEntity", "A restored copy of an archived object.")
            .In("S3Event")
            .Required("LifecycleRestorationExpiryTime", "lifecycleRestorationExpiryTime", W.IsoMilliseconds, "When the restored copy expires (UTC).")
            .Optional("LifecycleRestoreStorageClass", "lifecycleRestoreStorageClass", W.String, "The storage class the object was restored from."),
        Class("S3ObjectCreateEvent", "An <c>Object Created</c> event delivered by EventBridge.")
            .Derives(Event, W.Obj("S3ObjectCreate")),
        Class("S3ObjectDeleteEvent", "An <c>Object Deleted</c> event delivered by EventBridge.")
            .Derives(Event, W.Obj("S3ObjectDelete")),
        Class("S3ObjectRestoreEvent", "An <c>Object Restore Completed</c> event delivered by EventBridge.")
            .Derives(Event, W.Obj("S3ObjectRestore")),
        Class("S3ObjectEventDetails", "What every S3 event EventBridge delivers has in its detail.")
            .Unsealed()
            .Required("Version", "version", W.String, "The version of the detail, <c>0</c>.")
            .Required("Bucket", "bucket", W.Obj("Bucket"), "The bucket.")
            .Required("Object", "object", W.Obj("S3Object"), "The object.")
            .Optional("RequestId", "request-id", W.String, "The request's ID.")
            .Optional("Requester", "requester", W.String, "The account or service principal that made the request."),
        Class("S3ObjectCreate", "The detail of an <c>Object Created</c> event.")
            .Derives("S3ObjectEventDetails")
            .Optional("SourceIpAddress", "source-ip-address", W.String, "The source IP address of the request.")
            .Optional("Reason", "reason", W.String, "The API that created it: <c>PutObject</c>, <c>CopyObject</c>, <c>CompleteMultipartUpload</c>."),
        Class("S3ObjectDelete", "The detail of an <c>Object Deleted</c> event.")
            .Derives("S3ObjectEventDetails")
            .Optional("SourceIpAddress", "source-ip-address", W.String, "The source IP address of the request.")
            .Optional("Reason", "reason", W.String, "<c>DeleteObject</c> or <c>Lifecycle Expiration</c>.")
            .Optional("DeletionType", "deletion-type", W.String, "<c>Permanently Deleted</c> or <c>Delete Marker Created</c>."),
        Class("S3ObjectRestore", "The detail of an <c>Object Restore Completed</c> event.")
            .Derives("S3ObjectEventDetails")
            .Optional("RestoreExpiryTime", "restore-expiry-time", W.String, "When the restored copy expires.")
            .Optional("SourceStorageClass", "source-storage-class", W.String, "The storage class the object was restored from."),
        Class("Bucket", "A bucket, in an S3 event delivered by EventBridge.")
            .Required("Name", "name", W.String, "The bucket's name."),
        Class("S3Object", "An object, in an S3 event delivered by EventBridge.")
            .Required("Key", "key", W.String, "The object key.")
            .Required("Size", "size", W.Long, "The object's size in bytes.")
            .Optional("ETag", "etag", W.String, "The object's entity tag.")
            .Optional("VersionId", "version-id", W.String, "The object version, in a versioned bucket.")
            .Optional("Sequencer", "sequencer", W.String, "Orders the events of one key."));
}
