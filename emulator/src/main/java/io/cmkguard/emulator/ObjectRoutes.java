package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Object Storage objects on OCI's paths: PutObject, GetObject, HeadObject, DeleteObject
 * ({@code /n/{namespace}/b/{bucket}/o/{object}}) and ListObjects ({@code .../o}), with OCI's headers
 * (etag, opc-content-md5, last-modified, opc-meta-*) and conditions (if-match, if-none-match).
 */
final class ObjectRoutes {
    static final int MAX_LIST_LIMIT = 1000;
    static final int MAX_NAME_LENGTH = 1024;
    /** The ObjectSummary fields ListObjects answers on request (name always), by lower-case name. */
    private static final Map<String, String> SUMMARY_FIELDS = Map.of("name", "name", "size", "size", "etag", "etag",
            "md5", "md5", "timecreated", "timeCreated", "timemodified", "timeModified", "storagetier", "storageTier",
            "archivalstate", "archivalState");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String STORAGE_TIER = "Standard";

    private final ResourceStore store;
    private final ObjectStore objects;

    ObjectRoutes(ResourceStore store, ObjectStore objects) {
        this.store = store;
        this.objects = objects;
    }

    /** PutObject: 200 with etag, opc-content-md5 and last-modified; if-none-match: * creates only, if-match replaces only that etag. */
    Response put(IncomingRequest request, String namespace, String bucket) {
        requireBucket(namespace, bucket);
        String name = objectName(request);
        String contentMd5 = request.header("content-md5");
        String md5 = ObjectStore.md5(request.body());
        if (contentMd5 != null && !contentMd5.equals(md5)) {
            throw new ApiError(400, "UnmatchedContentMD5", "The computed MD5 hash " + md5
                    + " of the body does not match the content-md5 header " + contentMd5);
        }
        String ifNoneMatch = request.header("if-none-match");
        if (ifNoneMatch != null && !ifNoneMatch.equals("*")) {
            throw ApiError.invalidParameter("if-none-match on a PUT may only be '*', not '" + ifNoneMatch + "'");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((header, values) -> {
            if (header.startsWith("opc-meta-") && !values.isEmpty()) {
                metadata.put(header, values.get(0));
            }
        });
        StoredObject stored = objects.put(namespace, bucket, name, request.body(), request.header("content-type"),
                metadata, new ObjectStore.Precondition(request.header("if-match"), ifNoneMatch != null));
        return Response.empty(200).withHeader("etag", stored.etag()).withHeader("opc-content-md5", stored.md5())
                .withHeader("last-modified", HTTP_DATE.format(stored.timeModified()));
    }

    /** GetObject: the content with its content-type, etag, content-md5, last-modified and opc-meta-* headers. */
    Response get(IncomingRequest request, String namespace, String bucket) {
        StoredObject object = readable(request, namespace, bucket);
        if (object == null) {
            return Response.empty(304);
        }
        return described(Response.bytes(200, object.contentType(), object.content()), object);
    }

    /** HeadObject: GetObject's headers, content-length included, without the body. */
    Response head(IncomingRequest request, String namespace, String bucket) {
        StoredObject object = readable(request, namespace, bucket);
        if (object == null) {
            return Response.empty(304);
        }
        return described(Response.empty(200), object).withHeader("content-type", object.contentType())
                .withHeader("content-length", Long.toString(object.size()));
    }

    /** DeleteObject: 204; if-match must name the current etag. */
    Response delete(IncomingRequest request, String namespace, String bucket) {
        requireBucket(namespace, bucket);
        objects.delete(namespace, bucket, objectName(request), request.header("if-match"));
        return Response.noContent().withHeader("last-modified", HTTP_DATE.format(store.now()));
    }

    /**
     * ListObjects: names in lexicographic order, filtered by prefix, start (inclusive), startAfter and end
     * (exclusive); at most limit (default and maximum 1000) entries, then nextStartWith names the next one.
     * With delimiter "/", names with a "/" after the prefix are answered once as their common prefix.
     */
    Response list(IncomingRequest request, String namespace, String bucket) {
        requireBucket(namespace, bucket);
        Map<String, String> parameters = request.queryParameters();
        String prefix = parameters.getOrDefault("prefix", "");
        String start = parameters.get("start");
        String startAfter = parameters.get("startAfter");
        String end = parameters.get("end");
        String delimiter = parameters.get("delimiter");
        if (delimiter != null && !delimiter.equals("/")) {
            throw ApiError.invalidParameter("only '/' is supported as a delimiter, not '" + delimiter + "'");
        }
        int limit = limit(parameters.get("limit"));
        Set<String> fields = fields(parameters.get("fields"));

        ArrayNode summaries = Json.array();
        TreeSet<String> prefixes = new TreeSet<>();
        String nextStartWith = null;
        for (StoredObject object : objects.list(namespace, bucket)) {
            String name = object.name();
            if (!name.startsWith(prefix) || start != null && name.compareTo(start) < 0
                    || startAfter != null && name.compareTo(startAfter) <= 0) {
                continue;
            }
            if (end != null && name.compareTo(end) >= 0) {
                break;
            }
            int slash = delimiter == null ? -1 : name.indexOf('/', prefix.length());
            String commonPrefix = slash < 0 ? null : name.substring(0, slash + 1);
            if (commonPrefix != null && prefixes.contains(commonPrefix)) {
                continue; // already answered as its prefix
            }
            if (summaries.size() + prefixes.size() == limit) {
                nextStartWith = name;
                break;
            }
            if (commonPrefix != null) {
                prefixes.add(commonPrefix);
            } else {
                summaries.add(summary(object, fields));
            }
        }
        ObjectNode answer = Json.object();
        answer.set("objects", summaries);
        if (delimiter != null) {
            prefixes.forEach(answer.putArray("prefixes")::add);
        }
        if (nextStartWith != null) {
            answer.put("nextStartWith", nextStartWith);
        }
        return Response.ok(answer);
    }

    /** The object a GET or HEAD reads, checked against if-match (412) and if-none-match (null: 304 Not Modified). */
    private StoredObject readable(IncomingRequest request, String namespace, String bucket) {
        requireBucket(namespace, bucket);
        String name = objectName(request);
        StoredObject object = objects.find(namespace, bucket, name)
                .orElseThrow(() -> ObjectStore.notFound(bucket, name));
        String ifMatch = request.header("if-match");
        if (ifMatch != null && !ifMatch.equals(object.etag())) {
            throw new ApiError(412, "IfMatchFailed", "if-match " + ifMatch + " does not match the current etag "
                    + object.etag());
        }
        String ifNoneMatch = request.header("if-none-match");
        return ifNoneMatch != null && (ifNoneMatch.equals("*") || ifNoneMatch.equals(object.etag())) ? null : object;
    }

    private static Response described(Response response, StoredObject object) {
        Response described = response.withHeader("etag", object.etag()).withHeader("content-md5", object.md5())
                .withHeader("last-modified", HTTP_DATE.format(object.timeModified()))
                .withHeader("storage-tier", STORAGE_TIER);
        for (Map.Entry<String, String> meta : object.metadata().entrySet()) {
            described = described.withHeader(meta.getKey(), meta.getValue());
        }
        return described;
    }

    private static ObjectNode summary(StoredObject object, Set<String> fields) {
        ObjectNode summary = Json.object();
        summary.put("name", object.name());
        if (fields.contains("size")) {
            summary.put("size", object.size());
        }
        if (fields.contains("etag")) {
            summary.put("etag", object.etag());
        }
        if (fields.contains("md5")) {
            summary.put("md5", object.md5());
        }
        if (fields.contains("timeCreated")) {
            summary.put("timeCreated", Json.timestamp(object.timeCreated()));
        }
        if (fields.contains("timeModified")) {
            summary.put("timeModified", Json.timestamp(object.timeModified()));
        }
        if (fields.contains("storageTier")) {
            summary.put("storageTier", STORAGE_TIER);
        }
        return summary; // archivalState: only archive-tier objects have one
    }

    private void requireBucket(String namespace, String bucket) {
        if (store.find(ResourceCollection.BUCKETS, namespace + "/" + bucket).isEmpty()) {
            throw new ApiError(404, "BucketNotFound", "Either the bucket named '" + bucket
                    + "' does not exist in the namespace '" + namespace + "' or you are not authorized to access it");
        }
    }

    /**
     * The object's name from the path as sent: everything after /o/, percent-decoded ("/" may come encoded or
     * not), a trailing "/" kept.
     */
    static String objectName(IncomingRequest request) {
        String rawPath = request.rawTarget().split("\\?", 2)[0];
        String[] parts = rawPath.split("/", 7); // "", n, {ns}, b, {bucket}, o, {name}
        if (parts.length < 7 || parts[6].isEmpty()) {
            throw ApiError.invalidParameter("the path names no object: " + rawPath);
        }
        String name = URLDecoder.decode(parts[6].replace("+", "%2B"), StandardCharsets.UTF_8);
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiError.invalidParameter("an object name is at most " + MAX_NAME_LENGTH + " characters, not "
                    + name.length());
        }
        return name;
    }

    private static int limit(String text) {
        if (text == null) {
            return MAX_LIST_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIST_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidParameter("limit must be a number from 1 to " + MAX_LIST_LIMIT + ": '" + text + "'");
    }

    /** The requested ObjectSummary fields (comma-separated, case-insensitive); name is always there. */
    private static Set<String> fields(String text) {
        Set<String> fields = new TreeSet<>(List.of("name"));
        if (text == null || text.isBlank()) {
            return fields;
        }
        for (String field : text.split(",")) {
            String known = SUMMARY_FIELDS.get(field.trim().toLowerCase(Locale.ROOT));
            if (known == null) {
                throw ApiError.invalidParameter("fields may only name " + String.join(", ",
                        new TreeSet<>(SUMMARY_FIELDS.values())) + ", not '" + field.trim() + "'");
            }
            fields.add(known);
        }
        return fields;
    }
}
