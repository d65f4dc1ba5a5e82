package io.cmkguard.rules;

import io.cmkguard.resource.type.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Events rules the registry implies: one per family of resources, never a hand-kept list. */
public final class EventRules {
    /** Rule family per OCI service (the segment after com.oraclecloud.). */
    private static final Map<String, String> FAMILY_BY_SERVICE = Map.of(
            "blockvolumes", "block-storage",
            "computeapi", "block-storage", // instance launches: their boot volumes
            "databaseservice", "database",
            "objectstorage", "storage", // buckets
            "filestorage", "storage", // file systems
            "keymanagementservice", "vault-keys"); // the key-health watch

    private EventRules() {
    }

    /** Every registered event type, grouped into rules, sorted by family. */
    public static List<ExpectedRule> expected() {
        return expected(ResourceTypes.allEventTypes());
    }

    static List<ExpectedRule> expected(List<String> eventTypes) {
        Map<String, List<String>> byFamily = new TreeMap<>();
        for (String eventType : eventTypes) {
            String[] parts = eventType.split("\\.");
            String family = parts.length > 2 ? FAMILY_BY_SERVICE.get(parts[2]) : null;
            if (family == null) {
                throw new IllegalStateException("no rule family for " + eventType
                        + ": add its service to EventRules.FAMILY_BY_SERVICE");
            }
            byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(eventType);
        }
        return byFamily.entrySet().stream()
                .map(e -> new ExpectedRule(e.getKey(), e.getValue().stream().sorted().distinct().toList()))
                .toList();
    }
}
