package io.cmkguard.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.result.GuardResult;
import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * cmk-guard's posture in OCI Monitoring (namespace cmk_guard), when CMK_GUARD_METRICS_COMPARTMENT is set: the
 * gauges of each finished sweep ({@link PostureGauges}) and the count of each invocation's decisions
 * ({@link DecisionCounts}). Off, it posts nothing. Never throws, never fails a decision or a report: a post that
 * does not land is logged ({@link MetricsPoster}).
 */
public final class PostureMetrics implements AutoCloseable {
    /** Metrics off: nothing is posted. */
    public static final PostureMetrics OFF = new PostureMetrics(Optional.empty(), (kind, message) -> { });

    private final Optional<MetricsPoster> poster;
    private final BiConsumer<String, String> log;

    private PostureMetrics(Optional<MetricsPoster> poster, BiConsumer<String, String> log) {
        this.poster = poster;
        this.log = log;
    }

    /** Posts through this poster; {@code log} takes a line about the function itself (DecisionLog#event). */
    public static PostureMetrics postingTo(MetricsPoster poster, BiConsumer<String, String> log) {
        return new PostureMetrics(Optional.of(poster), log);
    }

    public boolean on() {
        return poster.isPresent();
    }

    /** As {@link #sweepCompleted(JsonNode, Deadline)} with no deadline (bounded by the client's own timeouts). */
    public void sweepCompleted(JsonNode wholeReport) {
        sweepCompleted(wholeReport, Deadline.none(Clock.systemUTC()));
    }

    /**
     * Posts the gauges of a sweep that ran to its end, from its whole report (the sweep report JSON, every
     * invocation's part together; {@code byCompartment} is read when present). A report with an error or a
     * continuation posts nothing; {@code sweep_completed} is posted only when the report says {@code complete}.
     * Call it once per sweep, by whoever holds the whole report.
     */
    public void sweepCompleted(JsonNode wholeReport, Deadline deadline) {
        if (poster.isEmpty()) {
            return;
        }
        try {
            List<MetricPoint> gauges = PostureGauges.of(wholeReport);
            String what = "sweep " + Optional.ofNullable(wholeReport).map(r -> r.path("sweepId").asText(""))
                    .orElse("");
            int leftOut = gauges.isEmpty() ? 0 : PostureGauges.compartmentsLeftOut(wholeReport);
            if (leftOut > 0) {
                log.accept("metrics", what + ": " + leftOut + " compartments have no gauges of their own (at most "
                        + PostureGauges.MAX_COMPARTMENTS + ", those with the most resources not on a CMK); the"
                        + " totals count them");
            }
            poster.get().post(what, gauges, deadline);
        } catch (RuntimeException e) { // a report of an unexpected shape: the sweep's answer stands
            log.accept(MetricsPoster.FAILED, "sweep gauges not posted: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Posts the {@code decisions} counts of one invocation's answers (an event's result, with its items),
     * waiting no later than the deadline. Call it once per invocation, before answering: a function may be
     * frozen once it has answered.
     */
    public void decisions(List<GuardResult> results, Deadline deadline) {
        if (poster.isEmpty()) {
            return;
        }
        try {
            poster.get().post("decisions", DecisionCounts.of(results), deadline);
        } catch (RuntimeException e) {
            log.accept(MetricsPoster.FAILED, "decision counts not posted: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        poster.ifPresent(MetricsPoster::close);
    }
}
