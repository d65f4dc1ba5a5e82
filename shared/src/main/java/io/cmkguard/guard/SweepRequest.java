package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.util.Ocid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A sweep as its body asks for it: {@code {"sweep": {"compartmentId": ..., "includeSubcompartments": true,
 * "resourceTypes": [...], "mode": "audit", "maxRemediations": 25, "continuation": "..."}}}. Every field but
 * compartmentId is optional; an absent mode or maxRemediations means the function's config.
 */
public record SweepRequest(String compartmentId, boolean includeSubcompartments, List<ResourceType> types,
                           Optional<Mode> mode, OptionalInt maxRemediations, Optional<String> continuation) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("compartmentId", "includeSubcompartments", "resourceTypes",
            "mode", "maxRemediations", "continuation");

    public SweepRequest {
        types = List.copyOf(types);
    }

    /** The sweep object of a body, when the body is a JSON object with a "sweep" field; else empty. */
    public static Optional<JsonNode> sweepField(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() && root.has("sweep") ? Optional.of(root.get("sweep"))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the event parser says so
        }
    }

    /** Reads and checks the sweep object; every problem is a {@link BadSweepException} with a specific code. */
    public static SweepRequest parse(JsonNode sweep) {
        if (sweep == null || !sweep.isObject()) {
            throw new BadSweepException("InvalidSweep", "\"sweep\" must be an object, e.g."
                    + " {\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..…\"}}");
        }
        for (Iterator<String> names = sweep.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadSweepException("InvalidSweep", "unknown sweep field \"" + name + "\"; known fields: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        String compartmentId = text(sweep, "compartmentId").orElseThrow(() -> new BadSweepException(
                "MissingCompartmentId", "a sweep needs \"compartmentId\": the tenancy or compartment OCID to sweep"));
        String kind = Ocid.kindOf(compartmentId);
        if (!kind.equals("tenancy") && !kind.equals("compartment")) {
            throw new BadSweepException("InvalidCompartmentId", "\"compartmentId\" must be an ocid1.tenancy or"
                    + " ocid1.compartment OCID, not '" + compartmentId + "'");
        }
        JsonNode include = sweep.path("includeSubcompartments");
        if (!include.isMissingNode() && !include.isNull() && !include.isBoolean()) {
            throw new BadSweepException("InvalidSweep", "\"includeSubcompartments\" must be true or false");
        }
        return new SweepRequest(compartmentId, include.asBoolean(true), types(sweep.get("resourceTypes")),
                mode(sweep), maxRemediations(sweep), text(sweep, "continuation"));
    }

    /** The request's fields as its continuation token would carry them, for a resumed sweep. */
    SweepRequest resumedAs(Continuation c) {
        return new SweepRequest(c.compartmentId(), c.includeSubcompartments(), c.types(), c.mode(),
                OptionalInt.of(c.maxRemediations()), continuation);
    }

    private static List<ResourceType> types(JsonNode node) {
        if (node == null || node.isNull()) {
            return checkedTypes();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new BadSweepException("InvalidResourceTypes", "\"resourceTypes\" must be a non-empty list of "
                    + String.join(", ", ResourceTypes.checkedNames()));
        }
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode name : node) {
            ResourceType type = checkedTypes().stream().filter(t -> t.name().equals(name.asText())).findFirst()
                    .orElseThrow(() -> new BadSweepException("InvalidResourceTypes", "unknown resource type "
                            + name + "; sweepable types: " + String.join(", ", ResourceTypes.checkedNames())));
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** Every type events lead to, in registry order (replicas are judged with their volumes). */
    static List<ResourceType> checkedTypes() {
        return ResourceTypes.ALL.stream().filter(t -> !t.eventTypes().isEmpty()).toList();
    }

    private static Optional<Mode> mode(JsonNode sweep) {
        Optional<String> text = text(sweep, "mode");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Mode.parse(text.get()).orElseThrow(() -> new BadSweepException("InvalidMode",
                "\"mode\" must be audit, notify or remediate, not '" + text.get() + "'")));
    }

    private static OptionalInt maxRemediations(JsonNode sweep) {
        JsonNode node = sweep.get("maxRemediations");
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw new BadSweepException("InvalidMaxRemediations", "\"maxRemediations\" must be a whole number"
                    + " of 0 or more, not " + node);
        }
        return OptionalInt.of(node.asInt());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadSweepException("InvalidSweep", "\"" + field + "\" must be a non-empty string");
        }
        return Optional.of(value.asText().trim());
    }
}
