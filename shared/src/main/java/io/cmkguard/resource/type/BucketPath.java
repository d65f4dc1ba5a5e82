package io.cmkguard.resource.type;

import io.cmkguard.event.OciEvent;
import io.cmkguard.util.Echo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket's identity: OCI names a bucket by its namespace and name, not by an OCID. Written as its REST path,
 * {@code /n/<namespace>/b/<name>}, with {@code @<region>} after it for a bucket outside the function's region
 * (a replication source elsewhere).
 */
record BucketPath(String namespace, String name, String region) {
    /** What OCI allows in a bucket name (and, stricter than needed, a namespace): never a path of its own. */
    private static final String PART = "[A-Za-z0-9._-]{1,256}";
    private static final Pattern ID = Pattern.compile("/n/(" + PART + ")/b/(" + PART + ")(?:@([a-z0-9-]{1,64}))?");
    /** What a bucket event's resourceId looks like: real deliveries often leave the name (or more) out. */
    private static final Pattern EVENT_ID = Pattern.compile("/n/([^/]*)/b/([^/]*)/?");

    static Optional<BucketPath> parse(String id) {
        Matcher m = ID.matcher(id == null ? "" : id);
        return m.matches() && !isDots(m.group(1)) && !isDots(m.group(2))
                ? Optional.of(new BucketPath(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)))
                : Optional.empty();
    }

    String id() {
        return "/n/" + namespace + "/b/" + name + (region.isEmpty() ? "" : "@" + region);
    }

    /** Why an event's resourceId cannot be a bucket event's (a path, with or without the name); empty when it can. */
    static Optional<String> pathProblem(String resourceId) {
        return EVENT_ID.matcher(resourceId).matches() ? Optional.empty()
                : Optional.of("not a bucket path /n/<namespace>/b/<bucket name>");
    }

    /**
     * What a bucket event names, from everything it carries: the resourceId path, additionalDetails.namespace
     * and .bucketName, and resourceName. IllegalArgumentException says why it names no single bucket.
     */
    record Named(String namespace, String name) {
        BucketPath path() {
            return new BucketPath(namespace, name, "");
        }
    }

    static Named of(OciEvent event) {
        Optional<String> problem = pathProblem(event.resourceId());
        if (problem.isPresent()) {
            throw new IllegalArgumentException("names data.resourceId '" + Echo.bounded(event.resourceId(), 80)
                    + "', which is " + problem.get());
        }
        Matcher m = EVENT_ID.matcher(event.resourceId());
        m.matches();
        String namespace = agreed("namespace", m.group(1), event.additionalDetails().path("namespace").asText(""));
        String name = agreed("bucket name", m.group(2), event.additionalDetails().path("bucketName").asText(""),
                event.resourceName());
        if (name.isEmpty() || namespace.isEmpty()) {
            throw new IllegalArgumentException("names no bucket: neither data.resourceId '"
                    + Echo.bounded(event.resourceId(), 80) + "' nor data.additionalDetails (namespace, bucketName)"
                    + " nor data.resourceName give its " + (name.isEmpty() ? "name" : "namespace"));
        }
        for (String part : new String[] {namespace, name}) {
            if (!part.isEmpty() && (!part.matches(PART) || isDots(part))) {
                throw new IllegalArgumentException("names '" + Echo.bounded(part, 80) + "', which is not a bucket"
                        + " name or namespace (letters, digits, '.', '_' and '-')");
            }
        }
        return new Named(namespace, name);
    }

    /** The one non-blank value the event's fields give, or "" when none does; fields that disagree are refused. */
    private static String agreed(String what, String... values) {
        String found = "";
        for (String v : values) {
            String value = v == null ? "" : v.trim();
            if (value.isEmpty()) {
                continue;
            }
            if (!found.isEmpty() && !found.equals(value)) {
                throw new IllegalArgumentException("names two different values for the " + what + ": '" + Echo.bounded(found, 80)
                        + "' and '" + Echo.bounded(value, 80) + "'");
            }
            found = value;
        }
        return found;
    }

    private static boolean isDots(String part) {
        return part.equals(".") || part.equals("..");
    }
}
