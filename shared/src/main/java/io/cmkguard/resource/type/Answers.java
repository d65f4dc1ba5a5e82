package io.cmkguard.resource.type;

import com.oracle.bmc.http.internal.BmcEnum;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.Wire;
import io.cmkguard.util.Echo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The read boundary: a 200 answer becomes a resource only if it is the resource asked for, with an
 * id, a lifecycle state the SDK knows and a compartment. Anything else (an error body sent with 200,
 * a truncated answer, another resource) is a {@code MalformedResponse} fault, never judged: judged,
 * an empty answer would look like a resource on the Oracle-managed key.
 */
final class Answers {
    private Answers() {
    }

    static <T> T checked(String operation, String requestedId, T model, Function<T, String> id,
                         Function<T, BmcEnum> state, Function<T, String> compartmentId) {
        if (model == null) {
            throw OciCallException.malformedResponse(operation, "the answer had no body");
        }
        List<String> wrong = new ArrayList<>();
        String answeredId = id.apply(model);
        if (isBlank(answeredId)) {
            wrong.add("it has no id");
        } else if (!answeredId.equals(requestedId)) {
            wrong.add("it is another resource (" + Echo.bounded(answeredId, 120) + ")");
        }
        if (isBlank(Wire.value(state.apply(model)))) {
            wrong.add(state.apply(model) == null ? "it has no lifecycleState" : "its lifecycleState is not one OCI has");
        }
        if (isBlank(compartmentId.apply(model))) {
            wrong.add("it has no compartmentId");
        }
        if (!wrong.isEmpty()) {
            throw OciCallException.malformedResponse(operation, String.join(", ", wrong));
        }
        return model;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
