package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.util.Echo;
import io.cmkguard.util.Ocid;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sweep as its body asks for it: {@code {"sweep": {"compartmentId": ..., "includeSubcompartments": true,
 * "resourceTypes": [...], "mode": "audit", "maxRemediations": 25, "continuation": "...", "selfContinue": false}}}.
 * Every field but
 * compartmentId is optional; an absent mode or maxRemediations means the function's config. Read from the
 * tree of the body's one strict parse; every field is checked (type, exact value, length) before anything
 * is called, and every echo of a bad value is bounded.
 *
 * @param given        the fields the body gave (a continued sweep's body may repeat its token's fields, never change
 *                     them)
 * @param selfContinue false when the caller follows continuations itself (scripts, the bench): the function then
 *                     never invokes itself to go on
 */
public record SweepRequest(String compartmentId, boolean includeSubcompartments, List<ResourceType> types,
                           Optional<Mode> mode, OptionalInt maxRemediations, Optional<String> continuation,
                           Set<String> given, boolean selfContinue) {
    private static final Set<String> FIELDS = Set.of("compartmentId", "includeSubcompartments", "resourceTypes",
            "mode", "maxRemediations", "continuation", "selfContinue");
    /** The most keys a sweep may write when its body asks (as CMK_GUARD_SWEEP_MAX_REMEDIATIONS allows). */
    static final int MAX_REMEDIATIONS_LIMIT = 100_000;
    /** How much of a bad value an error repeats. */
    private static final int ECHO_CHARS = 80;

    public SweepRequest {
        types = List.copyOf(types);
        given = Set.copyOf(given);
    }

    /** Reads and checks the sweep object; every problem is a {@link BadSweepException} with a specific code. */
    public static SweepRequest parse(JsonNode sweep) {
        if (sweep == null || !sweep.isObject()) {
            throw new BadSweepException("InvalidSweep", "\"sweep\" must be an object, e.g."
                    + " {\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..…\"}}");
        }
        Set<String> given = new LinkedHashSet<>();
        for (Iterator<String> names = sweep.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadSweepException("InvalidSweep", "unknown sweep field \"" + Echo.bounded(name, 64)
                        + "\"; known fields: " + String.join(", ", new TreeSet<>(FIELDS)));
            }
            if (!sweep.get(name).isNull()) {
                given.add(name);
            }
        }
        String compartmentId = compartmentId(sweep);
        JsonNode include = sweep.path("includeSubcompartments");
        if (!include.isMissingNode() && !include.isNull() && !include.isBoolean()) {
            throw new BadSweepException("InvalidSweep", "\"includeSubcompartments\" must be true or false");
        }
        JsonNode selfContinue = sweep.path("selfContinue");
        if (!selfContinue.isMissingNode() && !selfContinue.isNull() && !selfContinue.isBoolean()) {
            throw new BadSweepException("InvalidSweep", "\"selfContinue\" must be true or false (false: the caller"
                    + " sends each continuation back itself)");
        }
        return new SweepRequest(compartmentId, include.asBoolean(true), types(sweep.get("resourceTypes")),
                mode(sweep), maxRemediations(sweep), continuation(sweep), given, selfContinue.asBoolean(true));
    }

    /** The request's fields as its continuation token carries them, for a resumed sweep. */
    SweepRequest resumedAs(Continuation c) {
        return new SweepRequest(c.compartmentId(), c.includeSubcompartments(), c.types(), c.mode(),
                OptionalInt.of(c.maxRemediations()), continuation, given,
                given.contains("selfContinue") ? selfContinue : c.selfContinue()); // a caller may take a sweep over
    }

    /** A compartment id a report may repeat: only one that is well-formed, so no input of any size is echoed. */
    public static String echoedCompartment(String asked) {
        return compartmentProblem(asked).isEmpty() ? asked : "";
    }

    private static String compartmentId(JsonNode sweep) {
        String id = text(sweep, "compartmentId", Integer.MAX_VALUE).orElseThrow(() -> new BadSweepException(
                "MissingCompartmentId", "a sweep needs \"compartmentId\": the tenancy or compartment OCID to sweep"));
        Optional<String> problem = compartmentProblem(id);
        if (problem.isPresent()) {
            throw new BadSweepException("InvalidCompartmentId", "\"compartmentId\" must be an ocid1.tenancy or"
                    + " ocid1.compartment OCID, not '" + Echo.bounded(id, ECHO_CHARS) + "': " + problem.get());
        }
        return id;
    }

    /** Why a value is not a tenancy or compartment OCID (length, shape, realm), checked before any call. */
    static Optional<String> compartmentProblem(String id) {
        if (id.length() > Ocid.MAX_LENGTH) {
            return Optional.of("it is " + id.length() + " characters long (an OCID has at most " + Ocid.MAX_LENGTH
                    + ")");
        }
        if (!id.equals(id.strip())) {
            return Optional.of("it has spaces around it");
        }
        Optional<Ocid> ocid = Ocid.parse(id);
        if (ocid.isEmpty()) {
            return Optional.of("it is not shaped ocid1.<kind>.<realm>..<unique id>");
        }
        if (!ocid.get().kind().equals("tenancy") && !ocid.get().kind().equals("compartment")) {
            return Optional.of("it is a " + ocid.get().kind() + " OCID");
        }
        if (!ocid.get().realm().matches("oc[0-9]+") || !ocid.get().region().isEmpty()) {
            return Optional.of("a tenancy or compartment OCID has a realm (oc1, oc2, …) and no region");
        }
        return Optional.empty();
    }

    private static List<ResourceType> types(JsonNode node) {
        if (node == null || node.isNull()) {
            return checkedTypes();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new BadSweepException("InvalidResourceTypes", "\"resourceTypes\" must be a non-empty list of "
                    + String.join(", ", checkedTypes().stream().map(ResourceType::name).toList()));
        }
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode name : node) {
            ResourceType type = typeNamed(name).orElseThrow(() -> new BadSweepException("InvalidResourceTypes",
                    "unknown resource type " + Echo.bounded(name.toString(), ECHO_CHARS) + "; sweepable types: "
                            + String.join(", ", checkedTypes().stream().map(ResourceType::name).toList())));
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** The sweepable type whose name is exactly this JSON string. */
    static Optional<ResourceType> typeNamed(JsonNode name) {
        return name.isTextual() ? checkedTypes().stream().filter(t -> t.name().equals(name.asText())).findFirst()
                : Optional.empty();
    }

    /** Every type sweeps judge, in registry order (replicas are judged with their volumes). */
    static List<ResourceType> checkedTypes() {
        return ResourceTypes.swept();
    }

    private static Optional<Mode> mode(JsonNode sweep) {
        Optional<String> text = text(sweep, "mode", ECHO_CHARS);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Mode.ofLabel(text.get()).orElseThrow(() -> new BadSweepException("InvalidMode",
                "\"mode\" must be exactly audit, notify or remediate (lower case), not '"
                        + Echo.bounded(text.get(), ECHO_CHARS) + "'")));
    }

    private static OptionalInt maxRemediations(JsonNode sweep) {
        JsonNode node = sweep.get("maxRemediations");
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0
                || node.asInt() > MAX_REMEDIATIONS_LIMIT) {
            throw new BadSweepException("InvalidMaxRemediations", "\"maxRemediations\" must be a whole number"
                    + " from 0 to " + MAX_REMEDIATIONS_LIMIT + ", not " + Echo.bounded(node.toString(), ECHO_CHARS));
        }
        return OptionalInt.of(node.asInt());
    }

    private static Optional<String> continuation(JsonNode sweep) {
        JsonNode value = sweep.get("continuation");
        if (value != null && value.isTextual() && value.asText().length() > Continuation.MAX_TOKEN_CHARS) {
            throw new BadSweepException("InvalidContinuation", "\"continuation\" is " + value.asText().length()
                    + " characters long; the tokens a sweep answers are at most " + Continuation.MAX_TOKEN_CHARS);
        }
        return text(sweep, "continuation", Integer.MAX_VALUE);
    }

    /** A string field, exactly as sent; a non-string, blank or over-long value is refused. */
    private static Optional<String> text(JsonNode node, String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadSweepException("InvalidSweep", "\"" + field + "\" must be a non-empty string");
        }
        if (value.asText().length() > maxChars) {
            throw new BadSweepException("InvalidSweep", "\"" + field + "\" is " + value.asText().length()
                    + " characters long (at most " + maxChars + ")");
        }
        return Optional.of(value.asText());
    }
}
