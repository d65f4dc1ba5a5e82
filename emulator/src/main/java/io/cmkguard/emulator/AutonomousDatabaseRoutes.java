package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.UUID;

/**
 * ConfigureAutonomousDatabaseVaultKey: switches an autonomous database to a vault key (or back to an
 * Oracle-managed key). Like OCI it answers 202 with a work request id and no body; the database is UPDATING
 * until the options' transition time has passed.
 */
final class AutonomousDatabaseRoutes {
    private final ResourceStore store;
    private final WritePreconditions preconditions;
    private final Duration transition;

    AutonomousDatabaseRoutes(ResourceStore store, WritePreconditions preconditions, Duration transition) {
        this.store = store;
        this.preconditions = preconditions;
        this.transition = transition;
    }

    Response configureVaultKey(IncomingRequest request, String id) {
        ObjectNode details = request.jsonBody();
        String kmsKeyId = Json.text(details, "kmsKeyId");
        String vaultId = Json.text(details, "vaultId");
        // the SDK's own example switches back to Oracle-managed keys by sending no kmsKeyId
        boolean oracleManaged = details.path("isUsingOracleManagedKeys").asBoolean(false)
                || kmsKeyId == null || kmsKeyId.isEmpty();
        store.modify(ResourceCollection.AUTONOMOUS_DATABASES, id, live -> {
            preconditions.checkUpdate(request, live, "autonomousDatabases/" + id);
            if (oracleManaged) {
                useOracleManagedKey(live);
            } else {
                checkVaultKey(kmsKeyId, vaultId);
                useVaultKey(live, kmsKeyId, vaultId);
            }
            live.put("lifecycleState", "UPDATING");
        });
        store.moveLater(ResourceCollection.AUTONOMOUS_DATABASES, id, "AVAILABLE", store.now().plus(transition));
        return Response.empty(202)
                .withHeader("opc-work-request-id", "ocid1.coreservicesworkrequest.oc1..emulator" + UUID.randomUUID());
    }

    private void checkVaultKey(String kmsKeyId, String vaultId) {
        if (vaultId == null || vaultId.isEmpty()) {
            throw ApiError.invalidParameter("vaultId is required with a kmsKeyId");
        }
        store.find(ResourceCollection.VAULTS, vaultId).orElseThrow(() -> ApiError.notFound("vaults/" + vaultId));
        ObjectNode key = preconditions.usableKey(KeyGrants.AUTONOMOUS_DATABASE, kmsKeyId);
        String keyVault = Json.text(key, "vaultId");
        if (keyVault != null && !keyVault.equals(vaultId)) {
            throw ApiError.invalidParameter("key " + kmsKeyId + " belongs to vault " + keyVault + ", not " + vaultId);
        }
    }

    private void useVaultKey(ObjectNode adb, String kmsKeyId, String vaultId) {
        adb.put("kmsKeyId", kmsKeyId);
        adb.put("vaultId", vaultId);
        ObjectNode encryptionKey = Json.object();
        encryptionKey.put("provider", "OCI");
        encryptionKey.put("kmsKeyId", kmsKeyId);
        encryptionKey.put("vaultId", vaultId);
        adb.set("encryptionKey", encryptionKey);
        String now = Json.timestamp(store.now());
        ObjectNode entry = Json.object();
        entry.put("id", kmsKeyId);
        entry.put("vaultId", vaultId);
        entry.put("timeActivated", now);
        historyOf(adb, "keyHistoryEntry").add(entry);
        recordEncryptionKeyHistory(adb, encryptionKey, now);
    }

    private void useOracleManagedKey(ObjectNode adb) {
        adb.remove("kmsKeyId");
        adb.remove("vaultId");
        ObjectNode encryptionKey = Json.object();
        encryptionKey.put("provider", "ORACLE_MANAGED");
        adb.set("encryptionKey", encryptionKey);
        recordEncryptionKeyHistory(adb, encryptionKey, Json.timestamp(store.now()));
    }

    private static void recordEncryptionKeyHistory(ObjectNode adb, ObjectNode encryptionKey, String now) {
        ObjectNode entry = Json.object();
        entry.set("encryptionKey", encryptionKey.deepCopy());
        entry.put("timeActivated", now);
        historyOf(adb, "encryptionKeyHistoryEntry").add(entry);
    }

    private static ArrayNode historyOf(ObjectNode adb, String field) {
        return adb.path(field).isArray() ? (ArrayNode) adb.get(field) : adb.putArray(field);
    }
}
