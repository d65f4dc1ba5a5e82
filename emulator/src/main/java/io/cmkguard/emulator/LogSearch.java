package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OCI Logging as the Logging Search API shows it: SearchLogs (POST /20190909/search) over the log entries of
 * the world ("logEntries") and those the functions run against this emulator logged. Entries are kept in the
 * shape a search returns in {@code results[].data}: {@code datetime} (epoch ms) and {@code logContent} with
 * {@code data.message}, {@code oracle.compartmentid/loggroupid/logid}, {@code time} and {@code type}.
 *
 * <p>The query language is OCI's, in the subset cmk-guard writes: {@code search "C[/LG[/L]]"}, then
 * {@code | data.message = '*text*'} filters joined with {@code and} ({@code *} matches anything), then an
 * optional {@code | sort by datetime asc|desc}. Anything else is refused with 400, never guessed at.
 */
final class LogSearch {
    static final String WORLD_KEY = "logEntries";
    /** What Functions' invoke log calls its entries. */
    static final String FUNCTION_INVOKE_TYPE = "com.oraclecloud.functions.application.functioninvoke";
    private static final int MAX_LIMIT = 1000;
    private static final Pattern SCOPE = Pattern.compile("\\s*search\\s+\"([^\"]+)\"\\s*");
    private static final Pattern FILTER = Pattern.compile("\\s*data\\.message\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*");
    private static final Pattern SORT = Pattern.compile("\\s*sort\\s+by\\s+datetime(?:\\s+(asc|desc))?\\s*");

    private final ResourceStore store;
    private final List<ObjectNode> entries = new ArrayList<>();

    LogSearch(World world, ResourceStore store) {
        this.store = store;
        world.logEntries().forEach(entries::add);
    }

    /** A line a function wrote to stdout or stderr, as Functions' invoke log keeps it. */
    void functionLine(String compartmentId, String logGroupId, String logId, String message) {
        Instant now = store.now();
        ObjectNode entry = Json.object();
        entry.put("datetime", now.toEpochMilli());
        ObjectNode content = entry.putObject("logContent");
        content.putObject("data").put("message", message);
        content.put("id", UUID.randomUUID().toString());
        ObjectNode oracle = content.putObject("oracle");
        oracle.put("compartmentid", compartmentId);
        oracle.put("ingestedtime", Json.timestamp(now));
        oracle.put("loggroupid", logGroupId);
        oracle.put("logid", logId);
        content.put("source", "cmk-guard");
        content.put("specversion", "1.0");
        content.put("time", Json.timestamp(now));
        content.put("type", FUNCTION_INVOKE_TYPE);
        synchronized (entries) {
            entries.add(entry);
        }
    }

    List<ObjectNode> entries() {
        synchronized (entries) {
            return entries.stream().map(ObjectNode::deepCopy).toList();
        }
    }

    Response search(IncomingRequest request) {
        ObjectNode details = request.jsonBody();
        Instant start = time(details, "timeStart");
        Instant end = time(details, "timeEnd");
        if (!start.isBefore(end)) {
            throw ApiError.invalidParameter("timeStart must be before timeEnd");
        }
        String query = Json.text(details, "searchQuery");
        if (query == null || query.isBlank()) {
            throw ApiError.missingParameter("searchQuery");
        }
        Query parsed = Query.parse(query);
        int limit = limit(request.queryParameters().get("limit"));
        int offset = page(request.queryParameters().get("page"));

        List<ObjectNode> matching = entries().stream()
                .filter(e -> parsed.matches(e, start, end))
                // a stable sort: entries of the same millisecond keep the order they were logged in
                .sorted(Comparator.comparingLong((ObjectNode e) -> e.path("datetime").asLong()))
                .toList();
        if (parsed.descending()) {
            matching = new ArrayList<>(matching);
            java.util.Collections.reverse(matching);
        }
        List<ObjectNode> page = matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()));
        ObjectNode body = Json.object();
        ArrayNode results = body.putArray("results");
        page.forEach(e -> results.addObject().set("data", e));
        body.putArray("fields");
        ObjectNode summary = body.putObject("summary");
        summary.put("resultCount", page.size());
        summary.put("fieldCount", 0);
        Response response = Response.ok(body);
        return offset + limit < matching.size() ? response.withHeader("opc-next-page", String.valueOf(offset + limit))
                : response;
    }

    private static Instant time(ObjectNode details, String field) {
        String text = Json.text(details, field);
        if (text == null) {
            throw ApiError.missingParameter(field);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter(field + " is not an RFC 3339 time: " + text);
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return 100; // the API's default page
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiError.invalidParameter("limit must be 1.." + MAX_LIMIT + ", not " + text);
    }

    private static int page(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseUnsignedInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter("page is not a token this service issued: " + text);
        }
    }

    /** A parsed search query: the scope, the message filters, the order. */
    private record Query(String compartmentId, String logGroupId, String logId, List<Pattern> filters,
                         boolean descending) {
        static Query parse(String text) {
            String[] stages = text.split("\\|");
            Matcher scope = SCOPE.matcher(stages[0]);
            if (!scope.matches()) {
                throw ApiError.invalidParameter("the query must start with search \"<compartment>[/<log group>[/<log>]]\": " + text);
            }
            String[] parts = scope.group(1).split("/");
            if (parts.length > 3) {
                throw ApiError.invalidParameter("a search scope has at most 3 parts: " + scope.group(1));
            }
            List<Pattern> filters = new ArrayList<>();
            boolean descending = false;
            for (int i = 1; i < stages.length; i++) {
                Matcher sort = SORT.matcher(stages[i]);
                if (sort.matches() && i == stages.length - 1) {
                    descending = "desc".equals(sort.group(1));
                    continue;
                }
                for (String condition : stages[i].split("(?i)\\s+and\\s+")) {
                    Matcher filter = FILTER.matcher(condition);
                    if (!filter.matches()) {
                        throw ApiError.invalidParameter("the emulator understands only data.message = '...' filters"
                                + " joined by 'and' and a final 'sort by datetime': " + stages[i].trim());
                    }
                    filters.add(wildcard(filter.group(1).replaceAll("\\\\(.)", "$1")));
                }
            }
            return new Query(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null,
                    filters, descending);
        }

        private static Pattern wildcard(String value) {
            StringBuilder regex = new StringBuilder();
            for (String part : value.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        boolean matches(JsonNode entry, Instant start, Instant end) {
            long at = entry.path("datetime").asLong();
            if (at < start.toEpochMilli() || at >= end.toEpochMilli()) {
                return false;
            }
            JsonNode oracle = entry.path("logContent").path("oracle");
            if (!compartmentId.equals(oracle.path("compartmentid").asText())
                    || logGroupId != null && !logGroupId.equals(oracle.path("loggroupid").asText())
                    || logId != null && !logId.equals(oracle.path("logid").asText())) {
                return false;
            }
            String message = entry.path("logContent").path("data").path("message").asText("");
            return filters.stream().allMatch(f -> f.matcher(message).matches());
        }
    }
}
