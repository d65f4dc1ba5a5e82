package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a sweep stopped, and its settings, as an opaque token: the next invocation resumes right
 * after the last resource judged, so nothing is judged twice or skipped. Writes made so far count
 * against the sweep's maxRemediations and write-failure limit.
 *
 * @param compartmentKey the unit's compartment as an order key ("" for the sweep's root)
 * @param typeIndex      the unit's type, as its index in {@code types}
 * @param afterId        resume after this id within the unit; "" = from its start
 */
public record Continuation(String sweepId, String compartmentId, boolean includeSubcompartments,
                           List<ResourceType> types, Optional<Mode> mode, int maxRemediations, int writes,
                           int writeFailures, String compartmentKey, int typeIndex, String afterId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "v1.";

    public Continuation {
        types = List.copyOf(types);
    }

    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("sweepId", sweepId);
        o.put("compartmentId", compartmentId);
        o.put("includeSubcompartments", includeSubcompartments);
        types.forEach(t -> o.withArray("types").add(t.name()));
        o.put("mode", mode.map(Mode::label).orElse(""));
        o.put("maxRemediations", maxRemediations);
        o.put("writes", writes);
        o.put("writeFailures", writeFailures);
        o.put("compartmentKey", compartmentKey);
        o.put("typeIndex", typeIndex);
        o.put("afterId", afterId);
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token; anything that is not one this version wrote is an InvalidContinuation. */
    public static Continuation decode(String token) {
        try {
            if (!token.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown version");
            }
            JsonNode o = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(VERSION.length())));
            List<ResourceType> types = new ArrayList<>();
            for (JsonNode name : o.required("types")) {
                types.add(SweepRequest.checkedTypes().stream().filter(t -> t.name().equals(name.asText()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown type " + name)));
            }
            String mode = o.required("mode").asText();
            int typeIndex = o.required("typeIndex").asInt();
            if (types.isEmpty() || typeIndex < 0 || typeIndex >= types.size()) {
                throw new IllegalArgumentException("no such type index");
            }
            if (o.required("maxRemediations").asInt() < 0 || o.required("writes").asInt() < 0
                    || o.required("writeFailures").asInt() < 0) {
                throw new IllegalArgumentException("negative counts");
            }
            return new Continuation(o.required("sweepId").asText(), o.required("compartmentId").asText(),
                    o.required("includeSubcompartments").asBoolean(), types,
                    mode.isEmpty() ? Optional.empty() : Optional.of(Mode.parse(mode).orElseThrow()),
                    o.required("maxRemediations").asInt(), o.required("writes").asInt(),
                    o.required("writeFailures").asInt(), o.required("compartmentKey").asText(), typeIndex,
                    o.required("afterId").asText());
        } catch (RuntimeException | java.io.IOException e) {
            throw new BadSweepException("InvalidContinuation", "\"continuation\" is not a token a cmk-guard sweep"
                    + " answered (send it back exactly as received): " + e.getMessage());
        }
    }
}
