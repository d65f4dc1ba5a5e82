package io.cmkguard.guard;

import io.cmkguard.TestFiles;
import io.cmkguard.resource.type.ResourceTypes;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Generates invocation bodies that must never lead to an OCI call: random JSON (nesting, sizes, types,
 * unicode, duplicate keys, trailing content) and every sample event broken one way or another. No body
 * it makes is a valid event for a handled type with a resourceId of the right kind.
 */
final class BadBodies {
    static final List<String> SAMPLES = TestFiles.samples().stream().map(TestFiles::read).toList();
    private static final List<String> HANDLED = ResourceTypes.allEventTypes();
    private static final String[] UNICODE = {"é", "ß", "中", "😀", "\u0000", "\n", "\u2028", "\uFEFF", "\\ud800",
            "\\u0000", "\\\"", "ocid1.", "..", "/", "%2e%2e", "${jndi:x}", "\t", "Ω", "\u202e"};

    private BadBodies() {
    }

    /** Any JSON-ish text: valid or not, event-shaped or not. */
    static String randomJson(Random r) {
        StringBuilder b = new StringBuilder();
        value(r, b, 0, r.nextInt(12) == 0 ? 90 : 6);
        if (r.nextInt(6) == 0) {
            b.append(r.nextBoolean() ? " " + b : "}garbage");
        }
        return b.toString();
    }

    /** A sample event broken by one mutation. */
    static String brokenSample(Random r) {
        String sample = SAMPLES.get(r.nextInt(SAMPLES.size())).trim();
        String broken = mutate(r, sample);
        return broken.equals(sample) ? sample + "," : broken; // a mutation that missed still breaks it
    }

    private static String mutate(Random r, String sample) {
        return switch (r.nextInt(12)) {
            case 0 -> sample + (r.nextBoolean() ? sample : " x" + string(r, 20)); // trailing content
            case 1 -> first(sample, "\"resourceId\"", "\"resourceId\":\"ocid1.volume.oc1.iad.dup\",\"resourceId\"");
            case 2 -> first(sample, "\"eventType\"", "\"eventType\":\"com.oraclecloud.x\",\"eventType\"");
            case 3 -> first(sample, "\"data\"\\s*:\\s*\\{", "\"data\":{\"deep\":" + "[".repeat(65 + r.nextInt(3000)));
            case 4 -> sample.substring(0, 1 + r.nextInt(sample.length() - 1)); // truncated
            case 5 -> first(sample, "\"data\"\\s*:\\s*\\{", "\"data\":{\"n\":" + "7".repeat(65 + r.nextInt(2000)) + ",");
            case 6 -> first(sample, "\"eventID\"\\s*:\\s*\"", "\"eventID\":\"" + "e".repeat(129 + r.nextInt(50_000)));
            case 7 -> "[" + sample + (r.nextBoolean() ? "," + sample : "") + "]";
            case 8 -> first(sample, "\"eventType\"\\s*:\\s*\"[^\"]*\"", "\"eventType\":\"" + unhandledType(r) + "\"");
            case 9 -> first(sample, "\"resourceId\"\\s*:\\s*\"[^\"]*\"", "\"resourceId\":" + badResourceId(r));
            case 10 -> first(sample, "\"data\"\\s*:", "\"dat\":");
            default -> first(sample, "\\{", "{\"pad\":\"" + "x".repeat(io.cmkguard.event.EventLimits.MAX_BODY_CHARS + 1) + "\",");
        };
    }

    /** replaceFirst with a literal replacement (generated text holds $ and backslashes). */
    private static String first(String text, String regex, String replacement) {
        return text.replaceFirst(regex, Matcher.quoteReplacement(replacement));
    }

    private static String unhandledType(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "com.oraclecloud.dbaas.autonomous.database.backup.end";
            case 1 -> "com.oraclecloud.fuzz." + string(r, 8).replaceAll("[^A-Za-z0-9]", "x");
            case 2 -> "aws.ec2";
            default -> escape(string(r, 30));
        };
    }

    /** A JSON value for data.resourceId that is never an OCID of the kind a handled event names. */
    private static String badResourceId(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "\"ocid1.fuzzkind.oc1.iad." + "a".repeat(1 + r.nextInt(40)) + "\""; // well-formed, wrong kind
            case 1 -> "\"ocid1.volume.oc1.iad." + "a".repeat(256 + r.nextInt(200_000)) + "\""; // too long
            case 2 -> "\"ocid1.volume.oc1..abc\""; // no region
            case 3 -> "\"ocid1.volume.zz9.iad.abc\""; // no realm
            case 4 -> "\"" + escape(string(r, 40)) + "\"";
            case 5 -> String.valueOf(r.nextLong());
            case 6 -> "{\"id\":\"ocid1.volume.oc1.iad.a\"}";
            default -> "null";
        };
    }

    private static void value(Random r, StringBuilder b, int depth, int maxDepth) {
        int kind = depth >= maxDepth ? r.nextInt(4) : r.nextInt(7);
        switch (kind) {
            case 0 -> b.append('"').append(escape(string(r, r.nextInt(8) == 0 ? 2000 : 20))).append('"');
            case 1 -> b.append(r.nextInt(10) == 0 ? "1" + "0".repeat(r.nextInt(1500)) : String.valueOf(r.nextGaussian() * 1e6));
            case 2 -> b.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "null" : "false");
            case 3 -> b.append(r.nextBoolean() ? "NaN" : "'single'"); // not JSON
            case 4 -> {
                b.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    value(r, b, depth + 1, maxDepth);
                }
                b.append(']');
            }
            default -> object(r, b, depth, maxDepth);
        }
    }

    private static void object(Random r, StringBuilder b, int depth, int maxDepth) {
        b.append('{');
        int n = r.nextInt(6);
        String duplicate = null;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String key = key(r, depth);
            if (duplicate != null && r.nextInt(4) == 0) {
                key = duplicate;
            }
            duplicate = key;
            b.append('"').append(key).append("\":");
            if (key.equals("eventType")) {
                b.append('"').append(r.nextInt(3) == 0 ? HANDLED.get(r.nextInt(HANDLED.size())) : unhandledType(r)).append('"');
            } else if (key.equals("resourceId")) {
                b.append(badResourceId(r));
            } else {
                value(r, b, depth + 1, maxDepth);
            }
        }
        b.append('}');
    }

    private static String key(Random r, int depth) {
        String[] event = {"eventType", "eventID", "data", "resourceId", "compartmentId", "extensions", "source",
                "cloudEventsVersion", "dedupeKey", "specversion", "oracle", "id", "freeformTags"};
        return r.nextInt(3) == 0 ? escape(string(r, 10)) : event[r.nextInt(event.length)];
    }

    private static String string(Random r, int maxLength) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(4) == 0 ? UNICODE[r.nextInt(UNICODE.length)] : (char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    /** JSON-escapes quotes and real control characters (some fuzz strings carry raw escapes on purpose). */
    private static String escape(String s) {
        return s.replace("\"", "\\\"").replace("\n", "\\n").replace("\u0000", "\\u0000").replace("\t", "\\t");
    }

}
