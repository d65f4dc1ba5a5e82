package io.cmkguard.metrics;

import io.cmkguard.util.Echo;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What OCI Monitoring's PostMetricData accepts (its API reference, MetricDataDetails and the per-call limits),
 * written once so that a post is never refused for its shape: names and namespaces by pattern, dimension keys
 * and values by length and characters, at most 50 metric streams and 20 dimensions per metric, and datapoint
 * timestamps no more than two hours old or ten minutes ahead.
 */
public final class MonitoringRules {
    /** cmk-guard's own namespace; "oci_" namespaces are reserved for OCI's services. */
    public static final String NAMESPACE = "cmk_guard";
    /** Unique metric streams in one PostMetricData call. */
    public static final int MAX_STREAMS_PER_POST = 50;
    /** Dimensions of one metric (at least one is required). */
    public static final int MAX_DIMENSIONS = 20;
    public static final int MAX_DIMENSION_KEY_CHARS = 256;
    public static final int MAX_DIMENSION_VALUE_CHARS = 512;
    /** How far back a datapoint's timestamp may be. */
    public static final Duration MAX_AGE = Duration.ofHours(2);
    /** What stands for a missing value: the service refuses an empty one. */
    public static final String NONE = "none";

    private static final Pattern NAMESPACE_PATTERN = Pattern.compile("[a-z]([a-z0-9_]{0,254}[a-z0-9])?");
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z]([A-Za-z0-9._\\-$]{0,253}[A-Za-z0-9])?");
    private static final Pattern KEY_PATTERN = Pattern.compile("[\\x21-\\x7e]{1," + MAX_DIMENSION_KEY_CHARS + "}");

    private MonitoringRules() {
    }

    /** Lower case letters, digits and underscores, a letter first; "oci_" and "oracle_" are OCI's own. */
    public static boolean isNamespace(String namespace) {
        return NAMESPACE_PATTERN.matcher(namespace).matches() && !namespace.startsWith("oci_")
                && !namespace.startsWith("oracle_");
    }

    /** A letter first, then letters, digits and ._-$, ending with a letter or a digit; at most 255. */
    public static boolean isMetricName(String name) {
        return NAME_PATTERN.matcher(name).matches() && !name.startsWith("oci_");
    }

    /** Printable ASCII without spaces, at most 256 characters. */
    public static boolean isDimensionKey(String key) {
        return KEY_PATTERN.matcher(key).matches();
    }

    /**
     * A value taken from OCI (a compartment OCID, a type name) as a dimension may carry it: one clean line
     * without control characters, at most 512 characters, never empty ({@link #NONE}).
     */
    public static String dimensionValue(String value) {
        String clean = Echo.bounded(value == null ? "" : value, MAX_DIMENSION_VALUE_CHARS).strip();
        return clean.isEmpty() ? NONE : clean;
    }
}
