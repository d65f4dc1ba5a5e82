package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reports of the invocations of one sweep (its parts, in order) as the report of the whole sweep, in the
 * same contract: counts summed, lists concatenated, where the sweep ended from the last part, the Events rules
 * from the first (the only one that checks them). It adds {@code invocations}, and {@code startedAt} /
 * {@code finishedAt} of the whole. Merging merged reports gives the same answer as merging their parts.
 */
public final class ReportMerge {
    /** Per key, {scanned, nonCompliant} summed over the parts; keys in order. */
    private static final List<String> COUNT_MAPS = List.of("byType", "byCompartment");
    /** Concatenated in part order ({@code resources} only when a part lists them). */
    private static final List<String> LISTS = List.of("findings", "unjudged", "resources");
    /** Where the sweep stands at its end: the last part's. */
    private static final List<String> FROM_LAST = List.of("complete", "continuation", "error");
    /** Fields that have a rule of their own; any other field is the last part's that has it. */
    private static final Set<String> MERGED = Set.of("sweepId", "compartmentId", "mode", "scanned", "counts",
            "byType", "byCompartment", "findings", "unjudged", "resources", "remediated", "complete",
            "continuation", "durationMs", "notified", "messageId", "error", "eventRules", "startedAt",
            "invocations", "finishedAt");

    private ReportMerge() {
    }

    /**
     * @param parts the reports of one sweep's invocations, in the order they ran (a part may itself be merged)
     * @throws IllegalArgumentException when there is no part, a part is no sweep report, or the parts belong
     *                                  to different sweeps
     */
    public static ObjectNode merge(List<? extends JsonNode> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no sweep report to merge");
        }
        String sweepId = "";
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (!part.isObject() || !part.path("sweepId").isTextual() || !part.path("scanned").canConvertToInt()) {
                throw new IllegalArgumentException("part " + (i + 1) + " of " + parts.size()
                        + " is not a sweep report (an object with a sweepId and a scanned count)");
            }
            String id = part.path("sweepId").asText();
            if (!id.isEmpty() && !sweepId.isEmpty() && !id.equals(sweepId)) {
                throw new IllegalArgumentException("part " + (i + 1) + " belongs to sweep " + id + ", not to "
                        + sweepId + ": only the invocations of one sweep are merged");
            }
            sweepId = sweepId.isEmpty() ? id : sweepId;
        }
        JsonNode first = parts.get(0);
        JsonNode last = parts.get(parts.size() - 1);
        ObjectNode whole = first.deepCopy();
        for (JsonNode part : parts.subList(1, parts.size())) {
            part.fields().forEachRemaining(f -> {
                if (!MERGED.contains(f.getKey())) {
                    whole.set(f.getKey(), f.getValue().deepCopy());
                }
            });
        }
        whole.put("sweepId", sweepId);
        whole.put("scanned", parts.stream().mapToInt(p -> p.path("scanned").asInt()).sum());
        whole.put("remediated", parts.stream().mapToInt(p -> p.path("remediated").asInt()).sum());
        long durationMs = parts.stream().mapToLong(p -> p.path("durationMs").asLong()).sum();
        // as a parser reads it back (an int when it fits), so a whole equals its text read again
        if (durationMs == (int) durationMs) {
            whole.put("durationMs", (int) durationMs);
        } else {
            whole.put("durationMs", durationMs);
        }
        whole.set("counts", sumCounts(parts));
        for (String field : COUNT_MAPS) {
            whole.set(field, sumCountMaps(parts, field));
        }
        for (String field : LISTS) {
            if (parts.stream().anyMatch(p -> p.has(field))) {
                ArrayNode all = whole.arrayNode();
                parts.forEach(p -> p.path(field).forEach(item -> all.add(item.deepCopy())));
                whole.set(field, all);
            }
        }
        for (String field : FROM_LAST) {
            whole.set(field, last.path(field).isMissingNode() ? whole.nullNode() : last.path(field).deepCopy());
        }
        whole.put("notified", parts.stream().anyMatch(p -> p.path("notified").asBoolean()));
        whole.set("messageId", parts.stream().map(p -> p.path("messageId")).filter(JsonNode::isTextual)
                .reduce((a, b) -> b).map(n -> (JsonNode) n.deepCopy()).orElse(whole.nullNode()));
        whole.set("eventRules", first.path("eventRules").isMissingNode() ? whole.nullNode()
                : first.path("eventRules").deepCopy());
        whole.set("startedAt", parts.stream().map(p -> p.path("startedAt")).filter(JsonNode::isTextual)
                .findFirst().map(n -> (JsonNode) n.deepCopy()).orElse(whole.nullNode()));
        whole.put("invocations", parts.stream().mapToInt(p -> p.path("invocations").asInt(1)).sum());
        whole.put("finishedAt", finishedAt(last));
        return whole;
    }

    /** Per verdict, in the order the verdicts first appear. */
    private static ObjectNode sumCounts(List<? extends JsonNode> parts) {
        Map<String, Integer> sums = new LinkedHashMap<>();
        parts.forEach(p -> p.path("counts").fields().forEachRemaining(f ->
                sums.merge(f.getKey(), f.getValue().asInt(), Integer::sum)));
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        sums.forEach(counts::put);
        return counts;
    }

    private static ObjectNode sumCountMaps(List<? extends JsonNode> parts, String field) {
        Map<String, int[]> sums = new TreeMap<>();
        parts.forEach(p -> p.path(field).fields().forEachRemaining(f -> {
            int[] sum = sums.computeIfAbsent(f.getKey(), k -> new int[2]);
            sum[0] += f.getValue().path("scanned").asInt();
            sum[1] += f.getValue().path("nonCompliant").asInt();
        }));
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        sums.forEach((key, sum) -> counts.putObject(key).put("scanned", sum[0]).put("nonCompliant", sum[1]));
        return counts;
    }

    /** When the last part ended: its own finishedAt if merged, else its start plus its duration; else null. */
    private static String finishedAt(JsonNode last) {
        if (last.path("finishedAt").isTextual()) {
            return last.path("finishedAt").asText();
        }
        try {
            return last.path("startedAt").isTextual() ? Instant.parse(last.path("startedAt").asText())
                    .plusMillis(last.path("durationMs").asLong()).toString() : null;
        } catch (DateTimeParseException e) {
            return null; // a part without a readable start: the whole's end is unknown, not made up
        }
    }
}
