package io.cmkguard.guard.sweep;

import io.cmkguard.guard.ResultJson;
import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.policy.Status;
import io.cmkguard.report.ResourceJson;
import io.cmkguard.rules.EventRulesStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sweep report as JSON, in a stable field order; every verdict and every swept type has a count.
 * Fields added since the first contract come last, so older readers see the same bytes first.
 */
public final class SweepReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of the sweep the JSON lists: its findings (the function's answer), or every resource judged. */
    public enum Detail {
        FINDINGS,
        /** also {@code resources}: one compact object per resource judged ({@link ResourceJson}) */
        ALL
    }

    private SweepReportJson() {
    }

    public static ObjectNode toJson(SweepReport r) {
        return toJson(r, Detail.FINDINGS);
    }

    public static ObjectNode toJson(SweepReport r, Detail detail) {
        return toJson(r, detail, true);
    }

    /** @param withLists false leaves the findings and resources arrays empty ({@link #write} streams them) */
    private static ObjectNode toJson(SweepReport r, Detail detail, boolean withLists) {
        ObjectNode o = JSON.createObjectNode();
        o.put("sweepId", r.sweepId());
        o.put("compartmentId", r.compartmentId());
        o.put("mode", r.mode());
        o.put("scanned", r.scanned());
        ObjectNode counts = o.putObject("counts");
        for (Status s : Status.values()) {
            if (s != Status.IGNORED) {
                counts.put(s.name(), r.count(s));
            }
        }
        putCounts(o.putObject("byType"), r.byType());
        ArrayNode findings = o.putArray("findings");
        if (withLists) {
            r.findings().forEach(f -> findings.add(finding(f)));
        }
        o.put("remediated", r.remediated());
        o.put("complete", r.complete());
        o.put("continuation", r.continuation().orElse(null));
        o.put("durationMs", r.durationMs());
        o.put("notified", r.notified());
        o.put("messageId", r.messageId().orElse(null));
        if (r.error().isPresent()) {
            o.putObject("error").put("code", r.error().get().code()).put("message", r.error().get().message());
        } else {
            o.putNull("error");
        }
        if (r.eventRules().isPresent()) {
            EventRulesStatus rules = r.eventRules().get();
            ObjectNode e = o.putObject("eventRules");
            e.put("checked", rules.checked());
            ArrayNode problems = e.putArray("problems");
            rules.problems().forEach(problems::add);
            e.put("note", rules.note().orElse(null));
        } else {
            o.putNull("eventRules");
        }
        ArrayNode unjudged = o.putArray("unjudged");
        for (SweepReport.Unjudged u : r.unjudged()) {
            unjudged.addObject().put("compartmentId", u.compartmentId()).put("resourceType", u.resourceType())
                    .put("code", u.code()).put("message", u.message()).put("listedBefore", u.listedBefore());
        }
        putCounts(o.putObject("byCompartment"), r.byCompartment());
        o.put("startedAt", r.startedAt().map(Object::toString).orElse(null));
        if (r.chain().isPresent()) {
            SweepReport.Chain c = r.chain().get();
            o.putObject("chain").put("invocation", c.invocation()).put("next", c.next()).put("message", c.message())
                    .put("report", c.report().orElse(null));
        } else {
            o.putNull("chain");
        }
        if (detail == Detail.ALL) {
            ArrayNode resources = o.putArray("resources");
            if (withLists) {
                r.resources().forEach(resource -> resources.add(ResourceJson.toJson(resource)));
            }
        }
        return o;
    }

    /** The report's text: {@code toJson(r, detail).toString()}, streamed. */
    public static String write(SweepReport r, Detail detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(r, detail, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a stream in memory does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** As {@link #write(SweepReport, Detail)}, in UTF-8 onto the stream (left open). */
    public static void write(SweepReport r, Detail detail, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(g, r, detail);
        }
    }

    /**
     * The same text as {@code toJson(r, detail).toString()}, without ever holding the whole report as a tree: the
     * findings and resources are written one at a time (a large sweep's answer is megabytes; as a tree, several times
     * that, at the end of an invocation that already holds every resource it judged).
     */
    private static void write(JsonGenerator g, SweepReport r, Detail detail) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : toJson(r, detail, false).properties()) {
            g.writeFieldName(field.getKey());
            switch (field.getKey()) {
                case "findings" -> writeEach(g, r.findings(), SweepReportJson::finding);
                case "resources" -> writeEach(g, r.resources(), ResourceJson::toJson);
                default -> JSON.writeTree(g, field.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeEach(JsonGenerator g, List<GuardResult> results, Function<GuardResult, ObjectNode> json)
            throws IOException {
        g.writeStartArray();
        for (GuardResult r : results) {
            JSON.writeTree(g, json.apply(r));
        }
        g.writeEndArray();
    }

    /** Scanned and not compliant per key (type or compartment), keys in order. */
    private static void putCounts(ObjectNode into, Map<String, SweepReport.TypeCount> counts) {
        new TreeMap<>(counts).forEach((key, c) -> into.putObject(key).put("scanned", c.scanned())
                .put("nonCompliant", c.nonCompliant()));
    }

    /** One finding: the fields of the event result that matter in a list. */
    static ObjectNode finding(GuardResult f) {
        ObjectNode full = ResultJson.toJson(f);
        ObjectNode o = JSON.createObjectNode();
        for (String field : new String[] {"resourceId", "resourceType", "displayName", "compartmentId", "region",
                "verdict", "action", "reasons", "kmsKeyIdBefore", "kmsKeyIdAfter", "fix", "error"}) {
            o.set(field, full.get(field));
        }
        return o;
    }
}
