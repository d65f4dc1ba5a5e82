package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the function's answer: an event's result JSON, or the report a {"sweep": …} body is answered with;
 * an answer that is neither is a failure of the run.
 */
final class ResultLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLine() {
    }

    /** An event's result (it has a verdict). */
    static Optional<JsonNode> parse(InMemoryCodec.Answer answer) {
        return object(answer).filter(result -> result.has("verdict"));
    }

    /** A sweep's report (it has a sweepId), also that of a sweep refused or failed, whose error says why. */
    static Optional<JsonNode> sweepReport(InMemoryCodec.Answer answer) {
        return object(answer).filter(report -> report.has("sweepId") && !report.has("verdict"));
    }

    private static Optional<JsonNode> object(InMemoryCodec.Answer answer) {
        if (!answer.succeeded()) {
            return Optional.empty();
        }
        try {
            JsonNode answered = JSON.readTree(answer.body());
            return answered != null && answered.isObject() ? Optional.of(answered) : Optional.empty();
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
