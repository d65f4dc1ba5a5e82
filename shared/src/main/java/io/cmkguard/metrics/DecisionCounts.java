package io.cmkguard.metrics;

import io.cmkguard.result.GuardResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code decisions} counts of one invocation: how many resources got each verdict and action, by resource
 * type. An event that leads to several resources (its result's items) counts each of them; an answer about no
 * resource (an ignored or refused event) counts under resourceType {@value MonitoringRules#NONE}. Pure: no call.
 */
public final class DecisionCounts {
    public static final String DECISIONS = "decisions";
    public static final String VERDICT = "verdict";
    public static final String ACTION = "action";
    public static final String RESOURCE_TYPE = PostureGauges.RESOURCE_TYPE;

    private DecisionCounts() {
    }

    public static List<MetricPoint> of(List<GuardResult> results) {
        Map<MetricPoint.Stream, Integer> counts = new LinkedHashMap<>();
        for (GuardResult result : results) {
            for (GuardResult decision : result.items().isEmpty() ? List.of(result) : result.items()) {
                MetricPoint one = new MetricPoint(DECISIONS, Map.of(VERDICT, decision.verdict().name(),
                        ACTION, decision.action().name(), RESOURCE_TYPE, decision.resourceType()), 1);
                counts.merge(one.stream(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new MetricPoint(e.getKey().name(), e.getKey().dimensions(), e.getValue())).toList();
    }
}
