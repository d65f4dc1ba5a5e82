package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.result.GuardResult;
import io.cmkguard.util.Csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Every resource a sweep judged as CSV (RFC 4180, CRLF line ends, no cell a spreadsheet runs as a formula),
 * one row per {@link ResourceJson} object. Written in pieces: each invocation's part is its rows alone, and
 * the whole file is {@link #header()} followed by the parts in order, so no step holds every row at once.
 */
public final class ResourceCsv {
    /** The columns: the resource's fields, the verdict first; reasons joined by "; ". */
    public static final List<String> COLUMNS = List.of("verdict", "action", "resourceType", "displayName",
            "resourceId", "compartmentId", "region", "kmsKeyId", "kmsKeyIdBefore", "reasons", "errorCode");

    private ResourceCsv() {
    }

    public static String header() {
        return String.join(",", COLUMNS) + Csv.CRLF;
    }

    /** The rows of these results, each ending in CRLF. */
    public static String rows(List<GuardResult> results) {
        StringBuilder out = new StringBuilder();
        results.forEach(r -> out.append(row(ResourceJson.toJson(r))));
        return out.toString();
    }

    /** The rows of an array of {@link ResourceJson} objects (a report's {@code resources}). */
    public static String rows(JsonNode resources) {
        StringBuilder out = new StringBuilder();
        resources.forEach(r -> out.append(row(r)));
        return out.toString();
    }

    /** One row, ending in CRLF; a missing field is an empty cell. */
    public static String row(JsonNode resource) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            JsonNode value = resource.path(column);
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                cells.add(String.join("; ", items));
            } else {
                cells.add(value.isValueNode() && !value.isNull() ? value.asText() : "");
            }
        }
        return Csv.row(cells) + Csv.CRLF;
    }
}
