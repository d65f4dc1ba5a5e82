package io.cmkguard.resource.type;


import io.cmkguard.event.OciEvent;

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
     * @param update e.g. "oci bv volume update --volume-id <id>"
     * @param option --block-volume-replicas or --boot-volume-replicas
     */
    static String replicaListCommand(String update, String option, List<ReplicaSetting> replicas) {
        String list = replicas.stream().map(r -> "{\"availabilityDomain\":\"" + r.availabilityDomain() + "\""
                        + (r.displayName() == null || r.displayName().isBlank() ? ""
                        : ",\"displayName\":\"" + r.displayName() + "\"")
                        + ",\"xrrKmsKeyId\":\"" + (r.kmsKeyId() == null || r.kmsKeyId().isBlank()
                        ? "<key OCID in the replica region>" : r.kmsKeyId()) + "\"}")
                .collect(Collectors.joining(","));
        return update + " " + option + " '[" + list + "]' --force";
    }

    static String console(String path, String id, String region) {
        return "/block-storage/" + path + "/" + id + (region.isBlank() ? "" : "?region=" + region);
    }
}
