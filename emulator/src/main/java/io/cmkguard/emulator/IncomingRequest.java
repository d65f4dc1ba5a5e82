package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A received HTTP request, decoupled from the JDK server classes.
 *
 * @param rawTarget the path and query exactly as sent, which is what a signature covers
 * @param path      the decoded path without a trailing slash, which is what routes match
 * @param query     the raw query string, "" when there is none
 * @param headers   header values by lower-case name
 */
record IncomingRequest(String method, String rawTarget, String path, String query,
                       Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, String> queryParameters() {
        return QueryString.parse(query);
    }

    /** The body as a JSON object; 400 InvalidParameter when it is absent or not an object. */
    ObjectNode jsonBody() {
        if (body.length == 0) {
            throw ApiError.invalidParameter("the request needs a JSON body");
        }
        JsonNode json;
        try {
            json = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "CannotParseRequest", "the body is " + e.getMessage());
        }
        if (!json.isObject()) {
            throw ApiError.invalidParameter("the body must be a JSON object");
        }
        return (ObjectNode) json;
    }
}
