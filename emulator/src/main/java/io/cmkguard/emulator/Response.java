package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, extra headers and an optional body, either JSON or raw bytes (an object's
 * content, a function's answer) sent with the content-type header the route gives.
 */
record Response(int status, Map<String, String> headers, JsonNode body, byte[] content) {

    Response(int status, Map<String, String> headers, JsonNode body) {
        this(status, headers, body, null);
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, new LinkedHashMap<>(), body);
    }

    static Response ok(JsonNode body) {
        return json(200, body);
    }

    /** Raw bytes as the body, with this content type. */
    static Response bytes(int status, String contentType, byte[] content) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new Response(status, headers, null, content);
    }

    /** A single resource, with its etag as a header like OCI sends it. */
    static Response resource(ObjectNode resource) {
        return ok(resource).withEtagOf(resource);
    }

    static Response noContent() {
        return empty(204);
    }

    static Response empty(int status) {
        return new Response(status, new LinkedHashMap<>(), null);
    }

    static Response error(ApiError error) {
        ObjectNode body = Json.object();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        return json(error.status(), body);
    }

    Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, copy, body, content);
    }

    Response withEtagOf(ObjectNode resource) {
        String etag = Json.text(resource, "etag");
        return etag == null ? this : withHeader("etag", etag);
    }
}
