package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes on block and boot volumes: the kmsKey sub-resource (GET/PUT/DELETE) and UpdateVolume /
 * UpdateBootVolume, including cross-region replicas with their keys.
 */
final class VolumeRoutes {
    /** How each volume kind names its replicas, and the id field of a replica info entry. */
    private record ReplicaFields(String listField, String idField, String ocidType) {
    }

    private static final Map<ResourceCollection, ReplicaFields> REPLICAS = Map.of(
            ResourceCollection.VOLUMES,
            new ReplicaFields("blockVolumeReplicas", "blockVolumeReplicaId", "blockvolumereplica"),
            ResourceCollection.BOOT_VOLUMES,
            new ReplicaFields("bootVolumeReplicas", "bootVolumeReplicaId", "bootvolumereplica"));

    private final ResourceStore store;
    private final WritePreconditions preconditions;

    VolumeRoutes(ResourceStore store, WritePreconditions preconditions) {
        this.store = store;
        this.preconditions = preconditions;
    }

    Response getKmsKey(ResourceCollection volumes, String id) {
        ObjectNode volume = store.find(volumes, id)
                .orElseThrow(() -> ApiError.notFound(volumes.wireName() + "/" + id));
        return Response.ok(kmsKeyOf(volume)).withEtagOf(volume);
    }

    /** UpdateVolumeKmsKey: an empty kmsKeyId means Oracle-managed, like DeleteVolumeKmsKey. */
    Response putKmsKey(IncomingRequest request, ResourceCollection volumes, String id) {
        String kmsKeyId = Json.text(request.jsonBody(), "kmsKeyId");
        ObjectNode volume = store.modify(volumes, id, live -> {
            preconditions.checkUpdate(request, live, volumes.wireName() + "/" + id);
            setKey(live, kmsKeyId);
        });
        return Response.ok(kmsKeyOf(volume)).withEtagOf(volume);
    }

    Response deleteKmsKey(IncomingRequest request, ResourceCollection volumes, String id) {
        store.modify(volumes, id, live -> {
            preconditions.checkUpdate(request, live, volumes.wireName() + "/" + id);
            live.remove("kmsKeyId");
        });
        return Response.noContent();
    }

    /** UpdateVolume / UpdateBootVolume: merges the given fields; replica details become replica infos. */
    Response update(IncomingRequest request, ResourceCollection volumes, String id) {
        ObjectNode details = request.jsonBody();
        ReplicaFields replicas = REPLICAS.get(volumes);
        ObjectNode volume = store.modify(volumes, id, live -> {
            preconditions.checkUpdate(request, live, volumes.wireName() + "/" + id);
            for (Map.Entry<String, JsonNode> field : details.properties()) {
                if (field.getValue().isNull()) {
                    continue;
                }
                if (field.getKey().equals(replicas.listField())) {
                    live.set(replicas.listField(), replicaInfos(field.getValue(), live.path(replicas.listField()), replicas));
                } else {
                    live.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        });
        return Response.resource(volume);
    }

    private void setKey(ObjectNode volume, String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isEmpty()) {
            volume.remove("kmsKeyId");
        } else {
            preconditions.usableKey(KeyGrants.BLOCK_STORAGE, kmsKeyId);
            volume.put("kmsKeyId", kmsKeyId);
        }
    }

    /**
     * Turns replica details ({displayName, availabilityDomain, xrrKmsKeyId}) into the replica infos a volume
     * shows ({..., kmsKeyId, <replica id>}); a replica in an availability domain that already had one keeps its id.
     */
    private static ArrayNode replicaInfos(JsonNode details, JsonNode current, ReplicaFields fields) {
        if (!details.isArray()) {
            throw ApiError.invalidParameter(fields.listField() + " must be a list");
        }
        ArrayNode infos = Json.array();
        for (JsonNode detail : details) {
            ObjectNode info = infos.addObject();
            String domain = Json.text(detail, "availabilityDomain");
            if (domain == null) {
                throw ApiError.invalidParameter(fields.listField() + " entries need an availabilityDomain");
            }
            info.put("availabilityDomain", domain);
            if (detail.hasNonNull("displayName")) {
                info.put("displayName", detail.get("displayName").asText());
            }
            if (detail.hasNonNull("xrrKmsKeyId")) {
                info.put("kmsKeyId", detail.get("xrrKmsKeyId").asText());
            }
            info.put(fields.idField(), existingReplicaId(current, domain, fields.idField())
                    .orElse("ocid1." + fields.ocidType() + ".oc1..emulator" + UUID.randomUUID().toString().replace("-", "")));
        }
        return infos;
    }

    private static Optional<String> existingReplicaId(JsonNode current, String domain, String idField) {
        for (JsonNode info : current) {
            if (domain.equals(Json.text(info, "availabilityDomain")) && info.hasNonNull(idField)) {
                return Optional.of(info.get(idField).asText());
            }
        }
        return Optional.empty();
    }

    private static ObjectNode kmsKeyOf(ObjectNode volume) {
        ObjectNode key = Json.object();
        String kmsKeyId = Json.text(volume, "kmsKeyId");
        if (kmsKeyId != null) {
            key.put("kmsKeyId", kmsKeyId);
        }
        return key;
    }
}
