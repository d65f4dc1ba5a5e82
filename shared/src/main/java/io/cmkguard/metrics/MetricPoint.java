package io.cmkguard.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One value of one metric stream: a metric of the cmk_guard namespace and its dimensions, which together name
 * the stream. Dimension values are made acceptable to Monitoring here ({@link MonitoringRules#dimensionValue});
 * names and keys are cmk-guard's own constants, so a wrong one is a bug and refused at once.
 */
public record MetricPoint(String name, Map<String, String> dimensions, double value) {

    public MetricPoint {
        if (!MonitoringRules.isMetricName(name)) {
            throw new IllegalArgumentException("not a Monitoring metric name: " + name);
        }
        if (dimensions.isEmpty() || dimensions.size() > MonitoringRules.MAX_DIMENSIONS) {
            throw new IllegalArgumentException(name + " has " + dimensions.size() + " dimensions (1.."
                    + MonitoringRules.MAX_DIMENSIONS + ")");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " has no finite value");
        }
        TreeMap<String, String> clean = new TreeMap<>();
        dimensions.forEach((key, v) -> {
            if (!MonitoringRules.isDimensionKey(key)) {
                throw new IllegalArgumentException("not a Monitoring dimension key: " + key);
            }
            clean.put(key, MonitoringRules.dimensionValue(v));
        });
        dimensions = java.util.Collections.unmodifiableMap(clean);
    }

    /** The stream this value belongs to: two points with the same stream are one stream in a post. */
    public Stream stream() {
        return new Stream(name, dimensions);
    }

    public record Stream(String name, Map<String, String> dimensions) {
    }
}
