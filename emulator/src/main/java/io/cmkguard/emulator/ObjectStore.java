package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The objects of every bucket, by name in lexicographic order as OCI lists them. One lock: a conditional put
 * (if-none-match, if-match) checks and writes at once, so of two racing creates exactly one wins, as in OCI.
 */
final class ObjectStore {
    /** The world key (and dump key) of the objects. */
    static final String WORLD_KEY = "objects";
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /**
     * What a write requires of the object it replaces.
     *
     * @param ifMatch     the etag the current object must have (absent object: refused), or null
     * @param ifNoneMatch true: the object must not exist yet ({@code if-none-match: *})
     */
    record Precondition(String ifMatch, boolean ifNoneMatch) {
        static final Precondition NONE = new Precondition(null, false);
    }

    private final Map<String, TreeMap<String, StoredObject>> byBucket = new HashMap<>();
    private final Clock clock;

    ObjectStore(List<ObjectNode> worldObjects, Clock clock) {
        this.clock = clock;
        for (ObjectNode object : worldObjects) {
            StoredObject stored = fromWorld(object);
            bucket(stored.namespace(), stored.bucket()).put(stored.name(), stored);
        }
    }

    /** Writes an object (a new etag each time); ApiError 412 when the precondition does not hold. */
    synchronized StoredObject put(String namespace, String bucket, String name, byte[] content, String contentType,
                                  Map<String, String> metadata, Precondition precondition) {
        TreeMap<String, StoredObject> objects = bucket(namespace, bucket);
        StoredObject current = objects.get(name);
        if (precondition.ifNoneMatch() && current != null) {
            throw new ApiError(412, "IfNoneMatchFailed", "The object '" + name + "' already exists in the bucket '"
                    + bucket + "' (if-none-match: *)");
        }
        checkIfMatch(precondition.ifMatch(), current, name);
        Instant now = clock.instant();
        StoredObject stored = new StoredObject(namespace, bucket, name, content.clone(),
                contentType == null ? DEFAULT_CONTENT_TYPE : contentType, newEtag(), md5(content),
                current == null ? now : current.timeCreated(), now, metadata);
        objects.put(name, stored);
        return stored;
    }

    synchronized Optional<StoredObject> find(String namespace, String bucket, String name) {
        return Optional.ofNullable(bucket(namespace, bucket).get(name));
    }

    /** The bucket's objects in name order (a snapshot). */
    synchronized List<StoredObject> list(String namespace, String bucket) {
        return new ArrayList<>(bucket(namespace, bucket).values());
    }

    /** Deletes an object; ApiError 404 ObjectNotFound when it is not there, 412 on an if-match mismatch. */
    synchronized StoredObject delete(String namespace, String bucket, String name, String ifMatch) {
        TreeMap<String, StoredObject> objects = bucket(namespace, bucket);
        StoredObject current = objects.get(name);
        if (current == null) {
            throw notFound(bucket, name);
        }
        checkIfMatch(ifMatch, current, name);
        return objects.remove(name);
    }

    /** Every object, in bucket then name order. */
    synchronized List<StoredObject> all() {
        List<StoredObject> all = new ArrayList<>();
        new TreeMap<>(byBucket).values().forEach(objects -> all.addAll(objects.values()));
        return all;
    }

    /** The objects in world format: content as text (contentBase64 when it is not UTF-8), etag, size, ... */
    ArrayNode dump() {
        ArrayNode dump = Json.array();
        for (StoredObject object : all()) {
            dump.add(toWorld(object));
        }
        return dump;
    }

    static ApiError notFound(String bucket, String name) {
        return new ApiError(404, "ObjectNotFound", "The object '" + name + "' was not found in the bucket '"
                + bucket + "'");
    }

    static ObjectNode toWorld(StoredObject object) {
        ObjectNode json = Json.object();
        json.put("namespace", object.namespace());
        json.put("bucket", object.bucket());
        json.put("name", object.name());
        Optional<String> text = utf8(object.content());
        if (text.isPresent()) {
            json.put("content", text.get());
        } else {
            json.put("contentBase64", Base64.getEncoder().encodeToString(object.content()));
        }
        json.put("contentType", object.contentType());
        json.put("size", object.size());
        json.put("etag", object.etag());
        json.put("md5", object.md5());
        json.put("timeCreated", Json.timestamp(object.timeCreated()));
        json.put("timeModified", Json.timestamp(object.timeModified()));
        if (!object.metadata().isEmpty()) {
            ObjectNode metadata = json.putObject("metadata");
            new TreeMap<>(object.metadata()).forEach(metadata::put);
        }
        return json;
    }

    /**
     * Checks the world's objects: each {namespace, bucket, name} with content (or contentBase64), unique, in a
     * bucket of the world. IllegalArgumentException says which is wrong.
     */
    static ArrayNode checked(JsonNode value, java.util.Set<String> bucketIds) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + WORLD_KEY + "\" must be a list of objects");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode object = value.get(i);
            String where = WORLD_KEY + "[" + i + "]";
            if (!object.isObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            for (String field : List.of("namespace", "bucket", "name")) {
                if (!object.path(field).isTextual() || object.get(field).asText().isEmpty()) {
                    throw new IllegalArgumentException(where + " needs \"" + field + "\" (a non-empty string)");
                }
            }
            if (object.path("content").isTextual() == object.path("contentBase64").isTextual()) {
                throw new IllegalArgumentException(where + " needs exactly one of \"content\" (text) and"
                        + " \"contentBase64\"");
            }
            try {
                content(object);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": contentBase64 is not base64", e);
            }
            for (String time : List.of("timeCreated", "timeModified")) {
                if (object.hasNonNull(time)) {
                    try {
                        Instant.parse(object.get(time).asText());
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException(where + ": \"" + time + "\" is not an RFC 3339 time", e);
                    }
                }
            }
            String bucketId = object.get("namespace").asText() + "/" + object.get("bucket").asText();
            if (!bucketIds.contains(bucketId)) {
                throw new IllegalArgumentException(where + " is in the bucket " + bucketId
                        + ", which is not in the world's \"buckets\"");
            }
            if (!seen.add(bucketId + "/" + object.get("name").asText())) {
                throw new IllegalArgumentException(where + " repeats the object " + bucketId + "/"
                        + object.get("name").asText());
            }
        }
        return (ArrayNode) value.deepCopy();
    }

    private static StoredObject fromWorld(ObjectNode object) {
        byte[] content = content(object);
        Instant created = object.hasNonNull("timeCreated") ? Instant.parse(object.get("timeCreated").asText())
                : Instant.EPOCH;
        Instant modified = object.hasNonNull("timeModified") ? Instant.parse(object.get("timeModified").asText())
                : created;
        Map<String, String> metadata = new LinkedHashMap<>();
        object.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        String etag = Json.text(object, "etag");
        return new StoredObject(Json.text(object, "namespace"), Json.text(object, "bucket"), Json.text(object, "name"),
                content, Optional.ofNullable(Json.text(object, "contentType")).orElse(DEFAULT_CONTENT_TYPE),
                etag == null ? newEtag() : etag, md5(content), created, modified, metadata);
    }

    private static byte[] content(JsonNode object) {
        return object.path("content").isTextual()
                ? object.get("content").asText().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(object.path("contentBase64").asText());
    }

    private TreeMap<String, StoredObject> bucket(String namespace, String bucket) {
        return byBucket.computeIfAbsent(namespace + "/" + bucket, k -> new TreeMap<>());
    }

    private static void checkIfMatch(String ifMatch, StoredObject current, String name) {
        if (ifMatch != null && (current == null || !ifMatch.equals(current.etag()))) {
            throw new ApiError(412, "IfMatchFailed", "if-match " + ifMatch + " does not match the "
                    + (current == null ? "object '" + name + "', which does not exist" : "current etag " + current.etag()));
        }
    }

    private static Optional<String> utf8(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** OCI's object etags are UUIDs, not content hashes. */
    private static String newEtag() {
        return UUID.randomUUID().toString();
    }
}
