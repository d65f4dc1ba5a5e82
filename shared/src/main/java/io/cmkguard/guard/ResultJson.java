package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The result as JSON, in a stable field order. Empty key ids are written as null (Oracle-managed). */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    public static ObjectNode toJson(GuardResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("eventId", r.eventId());
        o.put("eventType", r.eventType());
        o.put("resourceId", r.resourceId());
        o.put("resourceType", r.resourceType());
        o.put("verdict", r.verdict().name());
        o.put("action", r.action().name());
        ArrayNode reasons = o.putArray("reasons");
        r.reasons().forEach(reasons::add);
        o.put("kmsKeyIdBefore", blankToNull(r.kmsKeyIdBefore()));
        o.put("kmsKeyIdAfter", blankToNull(r.kmsKeyIdAfter()));
        o.put("notified", r.notified());
        o.put("messageId", r.messageId().orElse(null));
        o.put("displayName", r.displayName());
        o.put("compartmentId", r.compartmentId());
        o.put("region", r.region());
        o.put("mode", r.modeLabel());
        if (r.lineage().isPresent()) {
            GuardResult.Lineage l = r.lineage().get();
            ObjectNode lineage = o.putObject("lineage");
            lineage.put("relation", l.relation());
            lineage.put("sourceId", l.sourceId());
            lineage.put("sourceKmsKeyId", blankToNull(l.sourceKmsKeyId()));
            lineage.put("downgrade", l.downgrade());
        } else {
            o.putNull("lineage");
        }
        putFault(o, "error", r.error());
        if (r.fix().isPresent()) {
            GuardResult.Fix f = r.fix().get();
            ObjectNode fix = o.putObject("fix");
            fix.put("command", f.command().orElse(null));
            fix.put("consoleUrl", f.consoleUrl());
            fix.put("prerequisite", f.prerequisite().orElse(null));
        } else {
            o.putNull("fix");
        }
        ArrayNode items = o.putArray("items");
        r.items().forEach(item -> items.add(toJson(item)));
        putFault(o, "publishError", r.publishError());
        o.put("workRequestId", r.workRequestId().orElse(null));
        return o;
    }

    private static void putFault(ObjectNode o, String field, java.util.Optional<GuardResult.Fault> fault) {
        if (fault.isPresent()) {
            ObjectNode error = o.putObject(field);
            error.put("code", fault.get().code());
            error.put("message", fault.get().message());
        } else {
            o.putNull(field);
        }
    }

    public static String write(GuardResult r) {
        return toJson(r).toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
