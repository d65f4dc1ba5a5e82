package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/** Reads the function's result JSON; an answer that is not a result object is a failure of the run. */
final class ResultLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLine() {
    }

    static Optional<JsonNode> parse(InMemoryCodec.Answer answer) {
        if (!answer.succeeded()) {
            return Optional.empty();
        }
        try {
            JsonNode result = JSON.readTree(answer.body());
            return result != null && result.isObject() && result.has("verdict") ? Optional.of(result) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A field as text, "" when absent or null. */
    static String text(JsonNode result, String field) {
        JsonNode value = result.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
