package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Monitoring's PostMetricData ({@code POST /20180401/metrics}, the telemetry-ingestion endpoint): checks each
 * MetricDataDetails by the service's documented rules, keeps those that pass, as sent, and answers
 * PostMetricDataResponseDetails with a FailedMetricRecord for each that does not (NON_ATOMIC, the default), or
 * refuses the whole post (ATOMIC, or when none passes).
 */
final class MetricIngestion {
    static final String DUMP_KEY = "metrics";
    /** Per call: at most 50 unique metric streams; 1 to 20 dimensions a metric. */
    static final int MAX_STREAMS = 50;
    static final int MAX_DIMENSIONS = 20;
    /** A datapoint's timestamp must be less than two hours old and less than ten minutes ahead. */
    static final Duration MAX_AGE = Duration.ofHours(2);
    static final Duration MAX_AHEAD = Duration.ofMinutes(10);

    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_]*[a-z0-9]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.$-]*[A-Za-z0-9]|[A-Za-z]");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[A-Za-z][A-Za-z0-9._$-]*");
    /** Printable ASCII without the space. */
    private static final Pattern DIMENSION_KEY = Pattern.compile("[\\x21-\\x7e]+");
    private static final Set<String> ATOMICITY = Set.of("ATOMIC", "NON_ATOMIC");

    private final ResourceStore store;
    private final List<ObjectNode> accepted = new ArrayList<>();

    MetricIngestion(ResourceStore store) {
        this.store = store;
    }

    Response post(IncomingRequest request) {
        ObjectNode details = body(request);
        JsonNode metricData = details.path("metricData");
        if (!metricData.isArray() || metricData.isEmpty()) {
            throw ApiError.invalidParameter("metricData is required: a list of 1 to " + MAX_STREAMS + " metric objects");
        }
        String atomicity = Optional.ofNullable(Json.text(details, "batchAtomicity")).orElse("NON_ATOMIC");
        if (!ATOMICITY.contains(atomicity)) {
            throw ApiError.invalidParameter("batchAtomicity must be ATOMIC or NON_ATOMIC, not " + atomicity);
        }
        Set<List<Object>> streams = new HashSet<>();
        metricData.forEach(m -> streams.add(List.of(m.path("namespace").asText(""), m.path("compartmentId").asText(""),
                m.path("name").asText(""), m.path("resourceGroup").asText(""), m.path("dimensions").toString())));
        if (streams.size() > MAX_STREAMS) {
            throw ApiError.invalidParameter("metricData holds " + streams.size() + " unique metric streams; the valid"
                    + " range is 1 to " + MAX_STREAMS);
        }

        Instant now = store.now();
        List<ObjectNode> passed = new ArrayList<>();
        ArrayNode failed = Json.array();
        for (JsonNode metric : metricData) {
            Optional<String> problem = metric.isObject() ? problem((ObjectNode) metric, now)
                    : Optional.of("a metric object must be a JSON object");
            if (problem.isEmpty()) {
                passed.add(((ObjectNode) metric).deepCopy());
            } else {
                ObjectNode record = failed.addObject();
                record.put("message", problem.get());
                record.set("metricData", metric.deepCopy());
            }
        }
        if (!failed.isEmpty() && (atomicity.equals("ATOMIC") || passed.isEmpty())) {
            throw ApiError.invalidParameter((atomicity.equals("ATOMIC") ? "ATOMIC: every metric object must pass; "
                    : "no metric object passed; ") + failed.get(0).get("message").asText());
        }
        synchronized (accepted) {
            accepted.addAll(passed);
        }
        ObjectNode answer = Json.object();
        answer.put("failedMetricsCount", failed.size());
        answer.set("failedMetrics", failed);
        return Response.ok(answer);
    }

    /** Every metric object accepted, in order, as it was sent. */
    List<ObjectNode> metrics() {
        synchronized (accepted) {
            return accepted.stream().map(ObjectNode::deepCopy).toList();
        }
    }

    /** Why the service would refuse this metric object, if it would. */
    private static Optional<String> problem(ObjectNode metric, Instant now) {
        String namespace = Json.text(metric, "namespace");
        if (namespace == null || namespace.length() > 256 || !NAMESPACE.matcher(namespace).matches()) {
            return Optional.of("namespace '" + namespace + "' must start with a lower-case letter, hold only lower-case"
                    + " letters, digits and underscores, not end with an underscore, and be at most 256 characters");
        }
        if (namespace.startsWith("oci_") || namespace.startsWith("oracle_")) {
            return Optional.of("namespace '" + namespace + "': the prefixes oci_ and oracle_ are reserved");
        }
        String compartmentId = Json.text(metric, "compartmentId");
        if (compartmentId == null || compartmentId.isBlank()) {
            return Optional.of("compartmentId is required");
        }
        String name = Json.text(metric, "name");
        if (name == null || name.length() > 255 || !NAME.matcher(name).matches()) {
            return Optional.of("name '" + name + "' must start with a letter, hold only letters, digits, '.', '_',"
                    + " '-' and '$', end with a letter or digit, and be at most 255 characters");
        }
        if (name.startsWith("oci_")) {
            return Optional.of("name '" + name + "': the prefix oci_ is reserved");
        }
        String resourceGroup = Json.text(metric, "resourceGroup");
        if (resourceGroup != null && (resourceGroup.length() > 256 || !RESOURCE_GROUP.matcher(resourceGroup).matches())) {
            return Optional.of("resourceGroup '" + resourceGroup + "' must start with a letter and hold only letters,"
                    + " digits, '.', '_', '-' and '$'");
        }
        return dimensionsProblem(metric.path("dimensions"))
                .or(() -> metadataProblem(metric.path("metadata")))
                .or(() -> datapointsProblem(metric.path("datapoints"), now));
    }

    private static Optional<String> dimensionsProblem(JsonNode dimensions) {
        if (!dimensions.isObject() || dimensions.isEmpty()) {
            return Optional.of("dimensions can not be null or empty");
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            return Optional.of("a metric has at most " + MAX_DIMENSIONS + " dimensions, not " + dimensions.size());
        }
        for (Map.Entry<String, JsonNode> dimension : dimensions.properties()) {
            String key = dimension.getKey();
            if (key.length() > 256 || !DIMENSION_KEY.matcher(key).matches()) {
                return Optional.of("dimension key '" + key + "' must be 1 to 256 printable ASCII characters, no spaces");
            }
            JsonNode value = dimension.getValue();
            if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 512) {
                return Optional.of("dimension " + key + " must have a value of 1 to 512 characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> metadataProblem(JsonNode metadata) {
        if (metadata.isMissingNode() || metadata.isNull()) {
            return Optional.empty();
        }
        if (!metadata.isObject()) {
            return Optional.of("metadata must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> item : metadata.properties()) {
            if (item.getKey().length() > 256 || !item.getValue().isTextual() || item.getValue().asText().length() > 256) {
                return Optional.of("metadata " + item.getKey() + ": keys and values are strings of at most 256 characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> datapointsProblem(JsonNode datapoints, Instant now) {
        if (!datapoints.isArray() || datapoints.isEmpty()) {
            return Optional.of("datapoints: at least one data point is required");
        }
        for (JsonNode point : datapoints) {
            Instant timestamp;
            try {
                timestamp = OffsetDateTime.parse(point.path("timestamp").asText()).toInstant();
            } catch (DateTimeParseException e) {
                return Optional.of("datapoint timestamp '" + point.path("timestamp").asText() + "' is not an RFC 3339 time");
            }
            if (timestamp.isBefore(now.minus(MAX_AGE)) || !timestamp.isBefore(now.plus(MAX_AHEAD))) {
                return Optional.of("datapoint timestamp " + timestamp + " is out of range: it must be less than two hours"
                        + " in the past and less than ten minutes in the future");
            }
            if (!point.path("value").isNumber() || !Double.isFinite(point.get("value").asDouble())) {
                return Optional.of("datapoint value is required and must be a number");
            }
            JsonNode count = point.path("count");
            if (!count.isMissingNode() && !count.isNull() && (!count.canConvertToInt() || count.asInt() < 1)) {
                return Optional.of("datapoint count must be a whole number of at least 1");
            }
        }
        return Optional.empty();
    }

    /** The body, gunzipped when the client sent it with content-encoding: gzip. */
    private static ObjectNode body(IncomingRequest request) {
        if (!"gzip".equalsIgnoreCase(request.header("content-encoding"))) {
            return request.jsonBody();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            byte[] json = in.readAllBytes();
            return new IncomingRequest(request.method(), request.rawTarget(), request.path(), request.query(),
                    request.headers(), json).jsonBody();
        } catch (IOException e) {
            throw new ApiError(400, "CannotParseRequest", "content-encoding gzip, but the body is not gzip: "
                    + e.getMessage());
        }
    }
}
