package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * Which services may not use which keys: the world's optional {@code missingKeyGrants}, a list of
 * {@code {"keyUser": "blockstorage"|"autonomousdatabase"|"objectstorage"|"filestorage", "keyId": "ocid1.key..."}} (no keyId = every key).
 * Without the grant OCI refuses the key assignment with 404 NotAuthorizedOrFoundKmsKey, as its storage
 * services answer when the service principal may not use the key.
 */
final class KeyGrants {
    static final String WORLD_KEY = "missingKeyGrants";
    static final String BLOCK_STORAGE = "blockstorage";
    static final String AUTONOMOUS_DATABASE = "autonomousdatabase";
    /** The Object Storage service of the region (objectstorage-&lt;region&gt; in a policy). */
    static final String OBJECT_STORAGE = "objectstorage";
    /** The File Storage service (FssOc1Prod in a policy of the oc1 realm). */
    static final String FILE_STORAGE = "filestorage";
    private static final Set<String> KEY_USERS = Set.of(BLOCK_STORAGE, AUTONOMOUS_DATABASE, OBJECT_STORAGE,
            FILE_STORAGE);

    private record Missing(String keyUser, String keyId) {
    }

    private final List<Missing> missing;

    private KeyGrants(List<Missing> missing) {
        this.missing = missing;
    }

    static KeyGrants of(World world) {
        return new KeyGrants(world.resources(WORLD_KEY).stream()
                .map(m -> new Missing(Json.text(m, "keyUser"), Json.text(m, "keyId")))
                .toList());
    }

    /** 404 NotAuthorizedOrFoundKmsKey when the world says this service may not use this key. */
    void check(String keyUser, String keyId) {
        boolean refused = missing.stream()
                .anyMatch(m -> m.keyUser().equals(keyUser) && (m.keyId() == null || m.keyId().equals(keyId)));
        if (refused) {
            throw new ApiError(404, "NotAuthorizedOrFoundKmsKey",
                    "Authorization failed or requested resource not found: key " + keyId);
        }
    }

    /** Validates the world entry; IllegalArgumentException says what is wrong. */
    static ArrayNode checked(JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + WORLD_KEY + "\" must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            String keyUser = entry.isObject() ? Json.text(entry, "keyUser") : null;
            if (keyUser == null || !KEY_USERS.contains(keyUser)) {
                throw new IllegalArgumentException(WORLD_KEY + "[" + i + "] needs a \"keyUser\" of " + KEY_USERS);
            }
            if (entry.has("keyId") && !entry.get("keyId").isTextual()) {
                throw new IllegalArgumentException(WORLD_KEY + "[" + i + "].keyId must be a key OCID");
            }
        }
        return ((ArrayNode) value).deepCopy();
    }

    /** For a world built in code: the entry that makes a key unusable by a service. */
    static ObjectNode entry(String keyUser, String keyId) {
        ObjectNode entry = Json.object();
        entry.put("keyUser", keyUser);
        entry.put("keyId", keyId);
        return entry;
    }
}
