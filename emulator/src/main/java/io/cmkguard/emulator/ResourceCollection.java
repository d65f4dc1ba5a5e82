package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The OCI REST collections the emulator keeps, with the API version that serves each and its id field. */
enum ResourceCollection {
    VOLUMES("volumes", ApiVersion.CORE),
    BOOT_VOLUMES("bootVolumes", ApiVersion.CORE),
    VOLUME_BACKUPS("volumeBackups", ApiVersion.CORE),
    BOOT_VOLUME_BACKUPS("bootVolumeBackups", ApiVersion.CORE),
    BLOCK_VOLUME_REPLICAS("blockVolumeReplicas", ApiVersion.CORE),
    BOOT_VOLUME_REPLICAS("bootVolumeReplicas", ApiVersion.CORE),
    /** OCI VolumeGroup objects; a group's volumeIds names its member block and boot volumes. */
    VOLUME_GROUPS("volumeGroups", ApiVersion.CORE),
    INSTANCES("instances", ApiVersion.CORE),
    BOOT_VOLUME_ATTACHMENTS("bootVolumeAttachments", ApiVersion.CORE),
    VAULTS("vaults", ApiVersion.KMS),
    KEYS("keys", ApiVersion.KMS),
    /** OCI KeyVersion objects (keyId names their key), served under /keys/{keyId}/keyVersions; a key's currentKeyVersion names one. */
    KEY_VERSIONS("keyVersions", ApiVersion.KMS),
    TOPICS("topics", ApiVersion.ONS, "topicId"),
    AUTONOMOUS_DATABASES("autonomousDatabases", ApiVersion.CORE),
    AUTONOMOUS_CONTAINER_DATABASES("autonomousContainerDatabases", ApiVersion.CORE),
    DATABASES("databases", ApiVersion.CORE),
    PLUGGABLE_DATABASES("pluggableDatabases", ApiVersion.CORE),
    DB_SYSTEMS("dbSystems", ApiVersion.CORE),
    DB_HOMES("dbHomes", ApiVersion.CORE),
    /** OCI DataGuardAssociation objects, listed per database (databaseId) under /databases/{id}/dataGuardAssociations. */
    DATA_GUARD_ASSOCIATIONS("dataGuardAssociations", ApiVersion.CORE),
    /** Identity compartments: the tree is given by each one's compartmentId (its parent). */
    COMPARTMENTS("compartments", ApiVersion.CORE),
    RULES("rules", ApiVersion.EVENTS),
    /** Object Storage buckets (OCI Bucket model), known by their namespace and name: /n/{namespace}/b/{name}. */
    BUCKETS("buckets", ApiVersion.OBJECT_STORAGE, "namespace", "name"),
    /** File Storage file systems (OCI FileSystem model); listed per availability domain. */
    FILE_SYSTEMS("fileSystems", ApiVersion.FILE_STORAGE),
    /** OCI Functions functions (OCI Function model); the emulator points each one's invokeEndpoint at itself. */
    FUNCTIONS("functions", ApiVersion.FUNCTIONS);

    /** The path prefixes of the OCI services (the database and identity services share the core one). */
    static final class ApiVersion {
        static final String CORE = "20160918";
        static final String KMS = "20180608";
        static final String ONS = "20181201";
        static final String EVENTS = "20181201";
        /** Object Storage paths carry no version (/n/...): no generic read serves them. */
        static final String OBJECT_STORAGE = "n";
        static final String FILE_STORAGE = "20171215";
        static final String FUNCTIONS = "20181201";

        private ApiVersion() {
        }
    }

    private final String wireName;
    private final String apiVersion;
    private final List<String> idFields;

    ResourceCollection(String wireName, String apiVersion) {
        this(wireName, apiVersion, "id");
    }

    /** @param idFields the fields that together name a resource (joined by "/"), usually just its id */
    ResourceCollection(String wireName, String apiVersion, String... idFields) {
        this.wireName = wireName;
        this.apiVersion = apiVersion;
        this.idFields = List.of(idFields);
    }

    /** The name used in REST paths and as the key in world files. */
    String wireName() {
        return wireName;
    }

    String apiVersion() {
        return apiVersion;
    }

    /** The fields that name a resource, e.g. id, or namespace and name for a bucket. */
    List<String> idFields() {
        return idFields;
    }

    /** The key a resource is stored under ("namespace/name" for a bucket); null when a field is missing or blank. */
    String idOf(JsonNode resource) {
        StringBuilder id = new StringBuilder();
        for (String field : idFields) {
            String value = Json.text(resource, field);
            if (value == null || value.isBlank()) {
                return null;
            }
            id.append(id.isEmpty() ? "" : "/").append(value);
        }
        return id.toString();
    }

    static Optional<ResourceCollection> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(ResourceCollection::wireName).toList();
    }
}
