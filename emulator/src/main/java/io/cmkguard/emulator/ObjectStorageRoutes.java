package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Object Storage: GetNamespace, ListBuckets, GetBucket, UpdateBucket, ReencryptBucket and
 * ListReplicationSources, on OCI's unversioned paths (/n/{namespace}/b/{bucket}). A world bucket may hold
 * {@code replicationSources} (OCI's ReplicationSource model: the buckets replicating into it), which
 * ListReplicationSources answers and the Bucket answers leave out.
 */
final class ObjectStorageRoutes {
    static final String REPLICATION_SOURCES = "replicationSources";
    /** What a BucketSummary holds (ListBuckets); the tags only with fields=tags. */
    private static final List<String> SUMMARY_FIELDS = List.of("namespace", "name", "compartmentId", "createdBy",
            "timeCreated", "etag");
    private static final List<String> TAG_FIELDS = List.of("freeformTags", "definedTags");
    /** UpdateBucketDetails fields that name the bucket: a different value would rename or move it. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("namespace", "name");

    private final ResourceStore store;
    private final WritePreconditions preconditions;

    ObjectStorageRoutes(ResourceStore store, WritePreconditions preconditions) {
        this.store = store;
        this.preconditions = preconditions;
    }

    /** GetNamespace: a bare JSON string. */
    Response namespace() {
        return Response.ok(TextNode.valueOf(store.namespace()));
    }

    /** ListBuckets: paged like every LIST; compartmentId is required. */
    Response list(IncomingRequest request, String namespace) {
        Map<String, String> parameters = request.queryParameters();
        String compartmentId = parameters.get("compartmentId");
        if (compartmentId == null || compartmentId.isBlank()) {
            throw ApiError.missingParameter("compartmentId");
        }
        boolean tags = List.of(parameters.getOrDefault("fields", "").split(",")).contains("tags");
        List<ObjectNode> buckets = store.list(ResourceCollection.BUCKETS, b -> namespace.equals(Json.text(b, "namespace"))
                && compartmentId.equals(Json.text(b, "compartmentId")));
        ArrayNode summaries = Json.array();
        for (ObjectNode bucket : buckets) {
            ObjectNode summary = Json.object();
            SUMMARY_FIELDS.forEach(f -> copy(bucket, summary, f));
            if (tags) {
                TAG_FIELDS.forEach(f -> copy(bucket, summary, f));
            }
            summaries.add(summary);
        }
        return ResourceReads.paged(summaries, parameters);
    }

    Response get(String namespace, String name) {
        return answer(find(namespace, name));
    }

    /** UpdateBucket: merges the given fields; an empty kmsKeyId puts the bucket back on the Oracle-managed key. */
    Response update(IncomingRequest request, String namespace, String name) {
        ObjectNode details = request.jsonBody();
        ObjectNode bucket = store.modify(ResourceCollection.BUCKETS, id(namespace, name), live -> {
            preconditions.checkEtag(request, live);
            for (Map.Entry<String, JsonNode> field : details.properties()) {
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (IDENTITY_FIELDS.contains(field.getKey())) {
                    if (!value.asText().equals(Json.text(live, field.getKey()))) {
                        throw ApiError.invalidParameter("the emulator does not rename buckets or move them between"
                                + " namespaces (" + field.getKey() + ")");
                    }
                } else if (field.getKey().equals("kmsKeyId")) {
                    setKey(live, value.asText());
                } else {
                    live.set(field.getKey(), value.deepCopy());
                }
            }
        });
        return answer(bucket);
    }

    /** ReencryptBucket: 202 with a work request id and no body; only a bucket on a Vault key can be re-encrypted. */
    Response reencrypt(String namespace, String name) {
        ObjectNode bucket = find(namespace, name);
        String kmsKeyId = Json.text(bucket, "kmsKeyId");
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw ApiError.invalidParameter("bucket " + name + " has no kmsKeyId: only a bucket on a customer-managed"
                    + " key can be re-encrypted");
        }
        preconditions.usableKey(KeyGrants.OBJECT_STORAGE, kmsKeyId);
        return Response.empty(202).withHeader("opc-work-request-id",
                "ocid1.objectstorageworkrequest.oc1..emulator" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** ListReplicationSources: the policies that replicate into this bucket. */
    Response replicationSources(IncomingRequest request, String namespace, String name) {
        ArrayNode sources = Json.array();
        find(namespace, name).path(REPLICATION_SOURCES).forEach(s -> sources.add(s.deepCopy()));
        return ResourceReads.paged(sources, request.queryParameters());
    }

    private void setKey(ObjectNode bucket, String kmsKeyId) {
        if (kmsKeyId.isEmpty()) {
            bucket.remove("kmsKeyId");
        } else {
            preconditions.usableKey(KeyGrants.OBJECT_STORAGE, kmsKeyId);
            bucket.put("kmsKeyId", kmsKeyId);
        }
    }

    private ObjectNode find(String namespace, String name) {
        return store.find(ResourceCollection.BUCKETS, id(namespace, name))
                .orElseThrow(() -> new ApiError(404, "BucketNotFound", "Either the bucket named '" + name
                        + "' does not exist in the namespace '" + namespace + "' or you are not authorized to access it"));
    }

    /** A bucket as OCI answers it: without the world's replication sources, with its etag as the ETag header. */
    private static Response answer(ObjectNode bucket) {
        ObjectNode shown = bucket.deepCopy();
        shown.remove(REPLICATION_SOURCES);
        return Response.ok(shown).withHeader("ETag", Json.text(bucket, "etag"));
    }

    private static String id(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }
}
