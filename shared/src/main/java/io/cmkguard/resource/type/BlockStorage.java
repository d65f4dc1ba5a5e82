package io.cmkguard.resource.type;


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

    private BlockStorage() {
    }

    /** Full event type names from their blockvolumes suffixes. */
    static Set<String> events(String... suffixes) {
        return Stream.of(suffixes).map(s -> EVENT_PREFIX + s).collect(Collectors.toUnmodifiableSet());
    }

    /** The replica list option that names a key of the replica's own region for it. */
    static String replicaKeyOption(String option, String availabilityDomain) {
        return " " + option + " '[{\"availabilityDomain\":\"" + availabilityDomain
                + "\",\"xrrKmsKeyId\":\"<key OCID in the replica's region>\"}]'";
    }

    static String console(String path, String id, String region) {
        return "/block-storage/" + path + "/" + id + (region.isBlank() ? "" : "?region=" + region);
    }
}
