package io.cmkguard.resource.type;

import com.oracle.bmc.objectstorage.model.Bucket;
import com.oracle.bmc.objectstorage.model.ReplicationSource;
import com.oracle.bmc.objectstorage.model.UpdateBucketDetails;
import com.oracle.bmc.objectstorage.requests.GetBucketRequest;
import com.oracle.bmc.objectstorage.requests.ListBucketsRequest;
import com.oracle.bmc.objectstorage.responses.ListBucketsResponse;
import com.oracle.bmc.objectstorage.requests.ListReplicationSourcesRequest;
import com.oracle.bmc.objectstorage.requests.ReencryptBucketRequest;
import com.oracle.bmc.objectstorage.requests.UpdateBucketRequest;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.AfterKeyChange;
import io.cmkguard.resource.Declared;
import io.cmkguard.util.CliCommand;
import io.cmkguard.resource.Listing;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Object Storage buckets, known by their namespace and name (id {@code /n/<namespace>/b/<name>}). A bucket's key
 * covers the objects written after it is set: the ones before keep theirs until ReencryptBucket runs. A
 * replication destination on the Oracle key whose source is on a customer-managed key is a CMK downgrade.
 */
final class BucketType {
    static final String NAME = "bucket";
    private static final String EVENT_PREFIX = "com.oraclecloud.objectstorage.";
    /** Without it, OCI answers an UpdateBucket with a key 404 NotAuthorizedOrFoundKmsKey. */
    static final String KEY_GRANT = "Allow service objectstorage-<region> to use keys in compartment"
            + " <vault-compartment> where target.key.id = '<key OCID>' (objectstorage-us-ashburn-1 for a bucket in"
            + " us-ashburn-1; the function's dynamic group needs 'use key-delegate' on the same key)";
    /** A bucket that answers exists and takes a key change: it has no lifecycle state of its own. */
    private static final String EXISTS = Resource.AVAILABLE;

    static final ResourceType TYPE = Declared.named(NAME, "bucket")
            .identity(BucketIdentity.INSTANCE)
            .collection("buckets")
            // the only catalogue events that make a bucket or change its key (a move is an updatebucket too)
            .events(Set.of(EVENT_PREFIX + "createbucket", EVENT_PREFIX + "updatebucket"))
            .calls(ResourceCalls.of(BucketType::fetch, BucketType::list))
            .keyChange((clients, bucket, key) -> {
                BucketPath path = path(bucket);
                OciCalls.call("UpdateBucket " + bucket.id(), () -> clients.objectStorage(path.region()).updateBucket(
                        UpdateBucketRequest.builder().namespaceName(path.namespace()).bucketName(path.name())
                                .ifMatch(bucket.etag().isBlank() ? null : bucket.etag())
                                .retryConfiguration(OciCalls.WRITE_ONCE)
                                .updateBucketDetails(UpdateBucketDetails.builder().kmsKeyId(key.keyId()).build())
                                .build()));
            })
            .afterKeyChange(new AfterKeyChange(bucket -> "a bucket's key covers the objects written after it is set:"
                    + " the objects already in it keep their current key until the bucket is re-encrypted ("
                    + reencrypt(bucket) + ", a work request; cmk-guard starts it after its own key change when"
                    + " CMK_GUARD_REENCRYPT_BUCKETS=true)", BucketType::startReencryption))
            // the key for new objects, then the re-encryption of the objects written before (a work request)
            .fix((bucket, key) -> Optional.of(withBucket(CliCommand.oci("os", "bucket", "update"), bucket)
                    .option("--kms-key-id", key).then(reencryptCommand(bucket)).render()))
            .prerequisite(Optional.of(KEY_GRANT))
            .console(bucket -> "/object-storage/buckets/" + path(bucket).namespace() + "/" + path(bucket).name()
                    + "/objects" + (bucket.region().isBlank() ? "" : "?region=" + bucket.region()))
            .permissions("OBJECTSTORAGE_NAMESPACE_READ", "BUCKET_INSPECT", "BUCKET_READ", "BUCKET_UPDATE")
            // GetNamespace is objectstorage-namespaces; GetBucket and ListReplicationSources need read buckets
            .iam(Iam.readOnly("read buckets", "read objectstorage-namespaces").remediatedWith("use buckets")
                    .keyUsedBy(KeyUser.OBJECT_STORAGE))
            .build();

    private BucketType() {
    }

    static Optional<Resource> fetch(OciClients clients, String id) {
        BucketPath path = BucketPath.parse(id).orElseThrow(() -> new IllegalArgumentException("not a bucket: " + id));
        String operation = "GetBucket " + id;
        return OciCalls.find(operation, () -> clients.objectStorage(path.region()).getBucket(GetBucketRequest.builder()
                        .namespaceName(path.namespace()).bucketName(path.name()).build()))
                .map(response -> resource(clients, path, checked(operation, path, response.getBucket()),
                        response.getETag()));
    }

    /** The read boundary for a model without an OCID or a lifecycle state: it must be this bucket, in a compartment. */
    private static Bucket checked(String operation, BucketPath path, Bucket bucket) {
        if (bucket == null) {
            throw OciCallException.malformedResponse(operation, "the answer had no body");
        }
        List<String> wrong = new ArrayList<>();
        if (!path.name().equals(bucket.getName()) || !path.namespace().equals(bucket.getNamespace())) {
            wrong.add("it is another bucket (" + bucket.getNamespace() + "/" + bucket.getName() + ")");
        }
        if (bucket.getCompartmentId() == null || bucket.getCompartmentId().isBlank()) {
            wrong.add("it has no compartmentId");
        }
        if (!wrong.isEmpty()) {
            throw OciCallException.malformedResponse(operation, String.join(", ", wrong));
        }
        return bucket;
    }

    private static Resource resource(OciClients clients, BucketPath path, Bucket b, String etag) {
        String region = path.region().isEmpty() ? Wire.regionOf(b.getId()) : path.region();
        return new Resource(NAME, path.id(), b.getName(), b.getCompartmentId(), region, EXISTS,
                Encryption.ofKmsKeyId(b.getKmsKeyId()), List.of(), replicatedFrom(clients, path, b, region),
                Wire.tags(b.getFreeformTags()), etag == null ? b.getEtag() : etag);
    }

    /**
     * The source of a replication destination (read-only while replication runs): its policy's source bucket,
     * in the same namespace, with its region when that is not this bucket's.
     */
    private static Optional<Lineage> replicatedFrom(OciClients clients, BucketPath path, Bucket b, String region) {
        if (!Boolean.TRUE.equals(b.getIsReadOnly())) {
            return Optional.empty();
        }
        List<ReplicationSource> sources = OciCalls.call("ListReplicationSources " + path.id(), () -> clients
                .objectStorage(path.region()).listReplicationSources(ListReplicationSourcesRequest.builder()
                        .namespaceName(path.namespace()).bucketName(path.name()).build()).getItems());
        return sources.stream().filter(s -> s.getSourceBucketName() != null).findFirst().map(s -> {
            String sourceRegion = s.getSourceRegionName() == null || s.getSourceRegionName().equals(region)
                    ? path.region() : s.getSourceRegionName();
            return new Lineage("replicated by policy " + s.getPolicyName() + " from",
                    new BucketPath(path.namespace(), s.getSourceBucketName(), sourceRegion).id());
        });
    }

    /** Every bucket of the tenancy's namespace in one compartment (buckets have no state: all are live). */
    static List<String> list(OciClients clients, String compartmentId) {
        String namespace = clients.objectStorageNamespace();
        ListBucketsRequest request = ListBucketsRequest.builder().namespaceName(namespace)
                .compartmentId(compartmentId).build();
        // a bucket has no lifecycle state: every listed bucket is live (the pages bounded as every listing's)
        return Listing.liveIds("ListBuckets " + compartmentId,
                () -> clients.objectStorage().getPaginators().listBucketsResponseIterator(request),
                ListBucketsResponse::getItems, b -> "ACTIVE", b -> new BucketPath(namespace, b.getName(), "").id());
    }

    /** ReencryptBucket: OCI re-wraps the keys of the objects written before, in a work request. */
    private static Optional<String> startReencryption(OciClients clients, Resource bucket) {
        BucketPath path = path(bucket);
        return Optional.ofNullable(OciCalls.call("ReencryptBucket " + bucket.id(), () -> clients
                .objectStorage(path.region()).reencryptBucket(ReencryptBucketRequest.builder()
                        .namespaceName(path.namespace()).bucketName(path.name())
                        .retryConfiguration(OciCalls.WRITE_ONCE).build())
                .getOpcWorkRequestId()));
    }

    private static String reencrypt(Resource bucket) {
        return reencryptCommand(bucket).render();
    }

    private static CliCommand reencryptCommand(Resource bucket) {
        return withBucket(CliCommand.oci("os", "bucket", "reencrypt"), bucket);
    }

    /** The bucket's namespace and name (and its region when it is not the function's) as options. */
    private static CliCommand withBucket(CliCommand command, Resource bucket) {
        BucketPath path = path(bucket);
        CliCommand named = command.option("--namespace-name", path.namespace()).option("--bucket-name", path.name());
        return path.region().isEmpty() ? named : named.option("--region", path.region());
    }

    private static BucketPath path(Resource bucket) {
        return BucketPath.parse(bucket.id()).orElseThrow(() -> new IllegalArgumentException("not a bucket: "
                + bucket.id()));
    }
}
