package io.cmkguard.app;

import io.cmkguard.guard.sweep.SweepRequest;
import io.cmkguard.guard.sweep.Sweep;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.event.BadEventException;
import io.cmkguard.event.StrictJson;
import io.cmkguard.util.Echo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What an invocation body is, decided after its one strict parse ({@link StrictJson}: size, depth,
 * duplicate keys, trailing content): exactly one of an OCI event or a sweep request, or refused with
 * a code. A body that is both, or a sweep with anything beside it, is refused, never half-read.
 */
public sealed interface InvocationBody {
    /** A JSON value that is not a sweep request: the event parser judges it (arrays and foreign bodies too). */
    record Event(JsonNode root) implements InvocationBody {
    }

    /** {"sweep": {...}} and nothing else; its object is read by {@link SweepRequest#parse}. */
    record Sweep(JsonNode sweep) implements InvocationBody {
    }

    /**
     * A body refused before it was understood.
     *
     * @param sweepShaped whether it names a top-level "sweep" field: the answer is then a sweep report
     */
    record Refused(BadEventException why, boolean sweepShaped) implements InvocationBody {
    }

    /** An OCI event envelope's own top-level fields: one beside "sweep" means the body is both. */
    Set<String> EVENT_FIELDS = Set.of("eventType", "eventID", "eventId", "cloudEventsVersion", "eventTypeVersion",
            "source", "eventTime", "contentType", "data", "extensions");

    public static InvocationBody read(String body) {
        if (body == null || body.isBlank()) {
            return new Refused(new BadEventException("EmptyBody", "the invocation body is empty: expected an OCI"
                    + " event or a {\"sweep\": …} request (JSON)"), false);
        }
        JsonNode root;
        try {
            root = StrictJson.read(body);
        } catch (BadEventException e) {
            return new Refused(e, namesSweep(body));
        }
        if (!root.isObject() || !root.has("sweep")) {
            return new Event(root);
        }
        List<String> beside = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("sweep")) {
                beside.add(name);
            }
        }
        if (beside.stream().anyMatch(EVENT_FIELDS::contains)) {
            return new Refused(new BadEventException("AmbiguousBody", "the body is both an OCI event (it has "
                    + String.join(", ", beside.stream().filter(EVENT_FIELDS::contains).sorted().toList())
                    + ") and a sweep request (it has \"sweep\"): send one or the other; nothing was checked"), true);
        }
        if (!beside.isEmpty()) {
            return new Refused(new BadEventException("InvalidSweep", "a sweep body holds only \"sweep\"; it also has "
                    + shown(beside) + ": nothing was checked (sweep options go inside \"sweep\")"), true);
        }
        return new Sweep(root.get("sweep"));
    }

    private static String shown(List<String> names) {
        List<String> quoted = names.stream().limit(5).map(n -> "\"" + Echo.bounded(n, 64) + "\"").toList();
        return String.join(", ", quoted) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    /** Characters of a refused body looked at to tell whether it meant to be a sweep. */
    int SHAPE_SCAN_CHARS = 64 * 1024;

    /**
     * Whether a body the strict parse refused names "sweep" at its top level (read leniently, up to where
     * it breaks): its refusal is then answered as a sweep report, the shape its sender reads.
     */
    private static boolean namesSweep(String body) {
        String head = body.length() > SHAPE_SCAN_CHARS ? body.substring(0, SHAPE_SCAN_CHARS) : body;
        try (JsonParser parser = new JsonFactory().createParser(head)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                if (parser.currentName().equals("sweep")) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // broken before any "sweep": answered as the event it may have been
        }
    }
}
