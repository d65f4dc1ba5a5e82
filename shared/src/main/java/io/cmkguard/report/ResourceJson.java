package io.cmkguard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.result.GuardResult;

import java.util.List;

/**
 * One resource judged, as the evidence lists it: a compact object (the sweep report's {@code resources}, a
 * row of the CSV). A public contract: fields are only ever added. Key ids are null for the Oracle-managed key.
 */
public final class ResourceJson {
    /** The fields, in order; {@code kmsKeyId} is the key the resource is on after the decision. */
    public static final List<String> FIELDS = List.of("resourceId", "resourceType", "displayName", "compartmentId",
            "region", "verdict", "action", "kmsKeyId", "kmsKeyIdBefore", "reasons", "errorCode");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceJson() {
    }

    public static ObjectNode toJson(GuardResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("resourceId", r.resourceId());
        o.put("resourceType", r.resourceType());
        o.put("displayName", r.displayName());
        o.put("compartmentId", r.compartmentId());
        o.put("region", r.region());
        o.put("verdict", r.verdict().name());
        o.put("action", r.action().name());
        o.put("kmsKeyId", blankToNull(r.kmsKeyIdAfter()));
        o.put("kmsKeyIdBefore", blankToNull(r.kmsKeyIdBefore()));
        ArrayNode reasons = o.putArray("reasons");
        r.reasons().forEach(reasons::add);
        o.put("errorCode", r.error().map(GuardResult.Fault::code).orElse(null));
        return o;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
