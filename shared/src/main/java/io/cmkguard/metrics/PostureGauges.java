package io.cmkguard.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The gauges of one finished sweep, read from its whole report (the sweep report JSON): resources judged and
 * resources not on a customer-managed key (NON_COMPLIANT) in all, by resource type ({@code byType}) and by
 * compartment ({@code byCompartment}, when the report has it); how long the sweep took; and
 * {@code sweep_completed} = 1 when the report says {@code complete}, which an absence alarm watches.
 *
 * <p>Every gauge carries the sweep's own compartment as {@code scope}, so sweeps of different trees never mix,
 * and {@code resourceType} and {@code compartmentId}, where {@value #ALL} marks the total over that axis: the
 * alarm reads {@code resources_not_on_cmk{resourceType = "all", compartmentId = "all"}}. Pure: no call.
 */
public final class PostureGauges {
    public static final String RESOURCES_JUDGED = "resources_judged";
    public static final String RESOURCES_NOT_ON_CMK = "resources_not_on_cmk";
    public static final String SWEEP_DURATION_SECONDS = "sweep_duration_seconds";
    public static final String SWEEP_COMPLETED = "sweep_completed";

    public static final String SCOPE = "scope";
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String COMPARTMENT_ID = "compartmentId";
    /** The total over a dimension. */
    public static final String ALL = "all";

    /**
     * Compartments given their own gauges, those with the most resources not on a CMK first: a tenancy of
     * thousands of compartments would otherwise cost a sweep hundreds of posts (the totals cover them all).
     */
    public static final int MAX_COMPARTMENTS = 200;

    private PostureGauges() {
    }

    /** Whether the report is of a sweep that ran to its end: no error, no continuation left to follow. */
    public static boolean finished(JsonNode report) {
        return report != null && report.isObject() && isAbsent(report.get("error"))
                && isAbsent(report.get("continuation"));
    }

    private static boolean isAbsent(JsonNode field) {
        return field == null || field.isNull() || (field.isTextual() && field.asText().isEmpty());
    }

    /** Compartments of {@code byCompartment} left without their own gauges by {@link #MAX_COMPARTMENTS}. */
    public static int compartmentsLeftOut(JsonNode report) {
        return Math.max(0, report.path("byCompartment").size() - MAX_COMPARTMENTS);
    }

    /** The gauges of a finished sweep's whole report; none for a report that is not finished. */
    public static List<MetricPoint> of(JsonNode report) {
        if (!finished(report)) {
            return List.of();
        }
        String scope = report.path("compartmentId").asText("");
        List<MetricPoint> points = new ArrayList<>();
        counts(points, scope, ALL, ALL, count(report.path("scanned")), count(report.path("counts").path("NON_COMPLIANT")));
        report.path("byType").fields().forEachRemaining(type -> counts(points, scope, type.getKey(), ALL,
                count(type.getValue().path("scanned")), count(type.getValue().path("nonCompliant"))));
        List<Map.Entry<String, JsonNode>> compartments = new ArrayList<>();
        report.path("byCompartment").fields().forEachRemaining(compartments::add);
        compartments.stream()
                .sorted(Comparator.<Map.Entry<String, JsonNode>>comparingLong(c -> -count(c.getValue().path("nonCompliant")))
                        .thenComparingLong(c -> -count(c.getValue().path("scanned")))
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_COMPARTMENTS)
                .forEach(c -> counts(points, scope, ALL, c.getKey(), count(c.getValue().path("scanned")),
                        count(c.getValue().path("nonCompliant"))));
        points.add(new MetricPoint(SWEEP_DURATION_SECONDS, Map.of(SCOPE, scope),
                count(report.path("durationMs")) / 1000.0));
        if (report.path("complete").asBoolean(false)) {
            points.add(new MetricPoint(SWEEP_COMPLETED, Map.of(SCOPE, scope), 1));
        }
        return List.copyOf(points);
    }

    private static void counts(List<MetricPoint> points, String scope, String type, String compartment, long judged,
                               long notOnCmk) {
        Map<String, String> dimensions = Map.of(SCOPE, scope, RESOURCE_TYPE, type, COMPARTMENT_ID, compartment);
        points.add(new MetricPoint(RESOURCES_JUDGED, dimensions, judged));
        points.add(new MetricPoint(RESOURCES_NOT_ON_CMK, dimensions, notOnCmk));
    }

    /** A count as the report gives it; anything that is not a count of zero or more is zero. */
    private static long count(JsonNode node) {
        return node.canConvertToLong() && node.asLong() > 0 ? node.asLong() : 0;
    }
}
