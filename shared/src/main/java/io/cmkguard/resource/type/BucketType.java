package io.cmkguard.resource.type;

import com.oracle.bmc.objectstorage.model.Bucket;
import com.oracle.bmc.objectstorage.model.BucketSummary;
import com.oracle.bmc.objectstorage.model.ReplicationSource;
import com.oracle.bmc.objectstorage.model.UpdateBucketDetails;
import com.oracle.bmc.objectstorage.requests.GetBucketRequest;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import com.oracle.bmc.objectstorage.requests.ListBucketsRequest;
import com.oracle.bmc.objectstorage.requests.ListReplicationSourcesRequest;
import com.oracle.bmc.objectstorage.requests.ReencryptBucketRequest;
import com.oracle.bmc.objectstorage.requests.UpdateBucketRequest;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Resource;
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
public final class BucketType implements ResourceType {
    static final String EVENT_PREFIX = "com.oraclecloud.objectstorage.";
    /** Without it, OCI answers an UpdateBucket with a key 404 NotAuthorizedOrFoundKmsKey. */
    static final String KEY_GRANT = "Allow service objectstorage-<region> to use keys in compartment"
            + " <vault-compartment> where target.key.id = '<key OCID>' (objectstorage-us-ashburn-1 for a bucket in"
            + " us-ashburn-1; the function's dynamic group needs 'use key-delegate' on the same key)";
    /** A bucket that answers exists and takes a key change: it has no lifecycle state of its own. */
    private static final String EXISTS = Resource.AVAILABLE;

    @Override
    public String name() {
        return "bucket";
    }

    @Override
    public String noun() {
        return "bucket";
    }

    @Override
    public Identity identity() {
        return BucketIdentity.INSTANCE;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EVENT_PREFIX + "createbucket", EVENT_PREFIX + "updatebucket");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        BucketPath path = BucketPath.parse(id).orElseThrow(() -> new IllegalArgumentException("not a bucket: " + id));
        String operation = "GetBucket " + id;
        return OciCalls.find(operation, () -> clients.objectStorage(path.region()).getBucket(GetBucketRequest.builder()
                        .namespaceName(path.namespace()).bucketName(path.name()).build()))
                .map(response -> toResource(clients, path, checked(operation, path, response.getBucket()),
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

    private Resource toResource(OciClients clients, BucketPath path, Bucket b, String etag) {
        String region = path.region().isEmpty() ? Wire.regionOf(b.getId()) : path.region();
        return new Resource(name(), path.id(), b.getName(), b.getCompartmentId(), region, EXISTS,
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
    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        String namespace = namespace(clients);
        ListBucketsRequest request = ListBucketsRequest.builder().namespaceName(namespace)
                .compartmentId(compartmentId).build();
        return OciCalls.call("ListBuckets " + compartmentId, () -> {
            List<String> ids = new ArrayList<>();
            for (BucketSummary b : clients.objectStorage().getPaginators().listBucketsRecordIterator(request)) {
                ids.add(new BucketPath(namespace, b.getName(), "").id());
            }
            return ids;
        });
    }

    private static String namespace(OciClients clients) {
        return clients.readOnce("objectstorage-namespace", () -> OciCalls.call("GetNamespace",
                () -> clients.objectStorage().getNamespace(GetNamespaceRequest.builder().build()).getValue()));
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        BucketPath path = BucketPath.parse(resource.id()).orElseThrow();
        OciCalls.call("UpdateBucket " + resource.id(), () -> clients.objectStorage(path.region()).updateBucket(
                UpdateBucketRequest.builder()
                        .namespaceName(path.namespace())
                        .bucketName(path.name())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateBucketDetails(UpdateBucketDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public Optional<String> afterKeyChangeAdvice(Resource resource) {
        return Optional.of("a bucket's key covers the objects written after it is set: the objects already in it"
                + " keep their current key until the bucket is re-encrypted (" + reencrypt(resource) + ", a work"
                + " request; cmk-guard starts it after its own key change when CMK_GUARD_REENCRYPT_BUCKETS=true)");
    }

    /** ReencryptBucket: OCI re-wraps the keys of the objects written before, in a work request. */
    @Override
    public Optional<String> afterKeyChange(OciClients clients, Resource resource) {
        BucketPath path = BucketPath.parse(resource.id()).orElseThrow();
        return Optional.ofNullable(OciCalls.call("ReencryptBucket " + resource.id(), () -> clients
                .objectStorage(path.region()).reencryptBucket(ReencryptBucketRequest.builder()
                        .namespaceName(path.namespace()).bucketName(path.name())
                        .retryConfiguration(OciCalls.WRITE_ONCE).build())
                .getOpcWorkRequestId()));
    }

    /** The key for new objects, then the re-encryption of the objects written before (a work request). */
    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci os bucket update" + options(resource) + " --kms-key-id " + keyId + " && "
                + reencrypt(resource));
    }

    private static String reencrypt(Resource resource) {
        return "oci os bucket reencrypt" + options(resource);
    }

    private static String options(Resource resource) {
        BucketPath path = BucketPath.parse(resource.id()).orElseThrow();
        return " --namespace-name " + path.namespace() + " --bucket-name " + path.name()
                + (path.region().isEmpty() ? "" : " --region " + path.region());
    }

    @Override
    public Optional<String> prerequisite() {
        return Optional.of(KEY_GRANT);
    }

    @Override
    public String consolePath(Resource resource) {
        BucketPath path = BucketPath.parse(resource.id()).orElseThrow();
        return "/object-storage/buckets/" + path.namespace() + "/" + path.name() + "/objects"
                + (resource.region().isBlank() ? "" : "?region=" + resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("OBJECTSTORAGE_NAMESPACE_READ", "BUCKET_INSPECT", "BUCKET_READ", "BUCKET_UPDATE");
    }

    @Override
    public Iam iam() {
        // GetNamespace is objectstorage-namespaces; GetBucket and ListReplicationSources need read buckets
        return Iam.readOnly("read buckets", "read objectstorage-namespaces").remediatedWith("use buckets")
                .keyUsedBy(KeyUser.OBJECT_STORAGE);
    }
}
