package io.cmkguard.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits what one post is to carry into PostMetricData calls of at most {@value MonitoringRules#MAX_STREAMS_PER_POST}
 * metric streams each. Points of the same stream (two compartment ids that only differ in what sanitising
 * removed) are added up into one, so no call carries a stream twice. Pure.
 */
public final class MetricBatches {
    private MetricBatches() {
    }

    public static List<List<MetricPoint>> of(List<MetricPoint> points) {
        Map<MetricPoint.Stream, Double> streams = new LinkedHashMap<>();
        points.forEach(p -> streams.merge(p.stream(), p.value(), Double::sum));
        List<List<MetricPoint>> batches = new ArrayList<>();
        List<MetricPoint> batch = new ArrayList<>();
        for (Map.Entry<MetricPoint.Stream, Double> stream : streams.entrySet()) {
            if (batch.size() == MonitoringRules.MAX_STREAMS_PER_POST) {
                batches.add(List.copyOf(batch));
                batch.clear();
            }
            batch.add(new MetricPoint(stream.getKey().name(), stream.getKey().dimensions(), stream.getValue()));
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return List.copyOf(batches);
    }
}
