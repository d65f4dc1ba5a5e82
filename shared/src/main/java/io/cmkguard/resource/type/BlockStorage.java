package io.cmkguard.resource.type;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.util.CliCommand;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the block-storage types share: event names, the key grant, replica and console paths. */
final class BlockStorage {
    static final String EVENT_PREFIX = "com.oraclecloud.blockvolumes.";

    /** Without this grant OCI refuses every key assignment on block storage. */
    static final java.util.Optional<String> KEY_GRANT = java.util.Optional.of(
            "Allow service blockstorage to use keys in compartment <vault-compartment>"
                    + " where target.key.id = '<key OCID>' (and the function's dynamic group needs"
                    + " 'use key-delegate' on the same key)");

    /** States a backup's create event reports when the backup was never made (VolumeBackup FAULTY, or FAILED). */
    private static final Set<String> FAILED = Set.of("FAILED", "FAULTY");

    private BlockStorage() {
    }

    /**
     * A create-backup event whose own status (additionalDetails.status or .lifecycleState) says the
     * backup failed: there is no backup to judge, so the event is IGNORED with that reason.
     */
    static java.util.Optional<String> failedBackup(OciEvent event, String createEvent, String noun) {
        if (!event.eventType().equals(EVENT_PREFIX + createEvent)) {
            return java.util.Optional.empty();
        }
        for (String field : List.of("status", "lifecycleState")) {
            String status = event.additionalDetails().path(field).asText("").trim().toUpperCase(Locale.ROOT);
            if (FAILED.contains(status)) {
                return java.util.Optional.of("the " + noun + " was not created: the event reports " + field + " "
                        + status + ", so there is no backup to judge");
            }
        }
        return java.util.Optional.empty();
    }

    /** Full event type names from their blockvolumes suffixes. */
    static Set<String> events(String... suffixes) {
        return Stream.of(suffixes).map(s -> EVENT_PREFIX + s).collect(Collectors.toUnmodifiableSet());
    }

    /** One replica as the volume lists it: where it is, its name and its key (empty: Oracle-managed). */
    record ReplicaSetting(String availabilityDomain, String displayName, String kmsKeyId) {
    }

    /**
     * The update that gives one replica a customer-managed key without losing the others: the replica
     * list option replaces the whole list (a replica left out is deleted), so every existing replica is
     * listed with its own settings, and the one to fix (or any other without a key) gets a placeholder
     * for a key of its own region. The update re-creates the replicas it changes; --force skips the
     * CLI's confirmation prompt for replacing the list.
     *
     * The list is JSON written by Jackson with every non-ASCII character escaped: a replica's name keeps
     * its exact value (quotes, line breaks, control and bidi characters as JSON escapes) while the printed
     * command stays plain ASCII on one line.
     *
     * @param update e.g. {@code oci bv volume update --volume-id <id>}
     * @param option --block-volume-replicas or --boot-volume-replicas
     */
    static String replicaListCommand(CliCommand update, String option, List<ReplicaSetting> replicas) {
        ArrayNode list = REPLICA_JSON.createArrayNode();
        for (ReplicaSetting r : replicas) {
            ObjectNode replica = list.addObject().put("availabilityDomain", r.availabilityDomain());
            if (r.displayName() != null && !r.displayName().isBlank()) {
                replica.put("displayName", r.displayName());
            }
            replica.put("xrrKmsKeyId", r.kmsKeyId() == null || r.kmsKeyId().isBlank()
                    ? "<key OCID in the replica region>" : r.kmsKeyId());
        }
        try {
            return update.option(option, REPLICA_JSON.writeValueAsString(list)).flag("--force").render();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a replica list is always writable as JSON", e);
        }
    }

    private static final ObjectMapper REPLICA_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static String console(String path, String id, String region) {
        return "/block-storage/" + path + "/" + id + (region.isBlank() ? "" : "?region=" + region);
    }
}
