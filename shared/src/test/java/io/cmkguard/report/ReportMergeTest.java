package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static io.cmkguard.report.Parts.part;
import static io.cmkguard.report.Parts.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invocations' reports of one sweep as the report of the whole sweep, in the same contract. */
class ReportMergeTest {
    private static final String SWEEP = "sweep-0123abcd";
    private static final String PROD = "ocid1.compartment.oc1..prod";
    private static final String DEV = "ocid1.compartment.oc1..dev";
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    private static JsonNode first() {
        return part(SWEEP, List.of(
                resource("ocid1.volume.oc1.iad.a", "block-volume", "a", PROD, Status.COMPLIANT, Action.NONE,
                        "on a CMK"),
                resource("ocid1.volume.oc1.iad.b", "block-volume", "b", PROD, Status.NON_COMPLIANT, Action.NOTIFIED,
                        "Oracle-managed key")), true, Optional.of("v2.token-1"), T0, 90_000, Optional.of("msg-1"));
    }

    private static JsonNode second() {
        ObjectNode part = (ObjectNode) part(SWEEP, List.of(
                resource("ocid1.volume.oc1.iad.c", "block-volume", "c", DEV, Status.NON_COMPLIANT, Action.REMEDIATED,
                        "re-keyed"),
                resource("ocid1.bucket.oc1.iad.d", "bucket", "d", DEV, Status.EXEMPT, Action.NONE, "exempt")),
                false, Optional.of("v2.token-2"), T0.plusSeconds(95), 80_000, Optional.empty());
        part.withArray("unjudged").addObject().put("compartmentId", DEV).put("resourceType", "bucket")
                .put("code", "PageLimitExceeded").put("message", "1 000 pages").put("listedBefore", 1);
        part.put("futureField", "second's");
        return part;
    }

    private static JsonNode third() {
        ObjectNode part = (ObjectNode) part(SWEEP, List.of(
                resource("ocid1.bucket.oc1.iad.e", "bucket", "e", PROD, Status.COMPLIANT, Action.NONE, "on a CMK")),
                false, Optional.empty(), T0.plusSeconds(190), 5_000, Optional.of("msg-3"));
        part.put("futureField", "third's");
        return part;
    }

    @Test
    void countsAreSummedListsConcatenatedAndTheEndIsTheLastParts() {
        // each part goes through text, as the parts stored in a bucket are read back
        List<JsonNode> parts = List.of(Parts.read(first().toString()), Parts.read(second().toString()),
                Parts.read(third().toString()));
        JsonNode whole = ReportMerge.merge(parts);

        assertEquals(SWEEP, whole.path("sweepId").asText());
        assertEquals(5, whole.path("scanned").asInt());
        assertEquals(2, whole.path("counts").path("COMPLIANT").asInt());
        assertEquals(2, whole.path("counts").path("NON_COMPLIANT").asInt());
        assertEquals(1, whole.path("counts").path("EXEMPT").asInt());
        assertEquals(0, whole.path("counts").path("ERROR").asInt(), "every verdict keeps its count");
        assertTrue(whole.path("counts").has("ERROR"));
        assertEquals(3, whole.path("byType").path("block-volume").path("scanned").asInt());
        assertEquals(2, whole.path("byType").path("block-volume").path("nonCompliant").asInt());
        assertEquals(2, whole.path("byType").path("bucket").path("scanned").asInt());
        assertEquals(3, whole.path("byCompartment").path(PROD).path("scanned").asInt());
        assertEquals(1, whole.path("byCompartment").path(PROD).path("nonCompliant").asInt());
        assertEquals(2, whole.path("byCompartment").path(DEV).path("scanned").asInt());
        assertEquals(List.of(DEV, PROD), names(whole.path("byCompartment")), "keys in order, as byType");
        assertEquals(List.of("ocid1.volume.oc1.iad.b", "ocid1.volume.oc1.iad.c", "ocid1.bucket.oc1.iad.d"),
                ids(whole.path("findings")), "findings in sweep order");
        assertEquals(List.of("ocid1.volume.oc1.iad.a", "ocid1.volume.oc1.iad.b", "ocid1.volume.oc1.iad.c",
                "ocid1.bucket.oc1.iad.d", "ocid1.bucket.oc1.iad.e"), ids(whole.path("resources")));
        assertEquals(1, whole.path("unjudged").size());
        assertEquals(1, whole.path("remediated").asInt());
        assertEquals(175_000, whole.path("durationMs").asLong(), "the time the invocations spent");
        assertTrue(whole.path("complete").asBoolean(), "the last part completed the sweep");
        assertTrue(whole.path("continuation").isNull());
        assertTrue(whole.path("error").isNull());
        assertTrue(whole.path("notified").asBoolean());
        assertEquals("msg-3", whole.path("messageId").asText(), "the last digest published");
        assertTrue(whole.path("eventRules").path("checked").asBoolean(), "the first invocation checks the rules");
        assertEquals("cmk-guard-volumes: disabled", whole.path("eventRules").path("problems").path(0).asText());
        assertEquals(3, whole.path("invocations").asInt());
        assertEquals(T0.toString(), whole.path("startedAt").asText());
        assertEquals(T0.plusSeconds(195).toString(), whole.path("finishedAt").asText(), "the last part's start + time");
        assertEquals("third's", whole.path("futureField").asText(), "a field this version does not know: the last's");
        for (JsonNode part : parts) {
            assertFalse(part.has("invocations"), "the parts are not changed");
        }
    }

    @Test
    void aSweepOfOneInvocationMergesIntoItselfWithItsCountAndEnd() {
        JsonNode only = third();
        ObjectNode whole = ReportMerge.merge(List.of(only));
        assertEquals(1, whole.remove("invocations").asInt());
        assertEquals(T0.plusSeconds(195).toString(), whole.remove("finishedAt").asText());
        assertEquals(only, whole, "every other field as the invocation wrote it");
        assertEquals(only.toString(), whole.toString(), "in the same order");
    }

    @Test
    void mergingMergedReportsIsMergingTheirParts() {
        JsonNode all = ReportMerge.merge(List.of(first(), second(), third()));
        JsonNode stepwise = ReportMerge.merge(List.of(ReportMerge.merge(List.of(first(), second())), third()));
        assertEquals(all, stepwise);
    }

    @Test
    void aSweepCutShortEndsAsItsLastPartSays() {
        JsonNode whole = ReportMerge.merge(List.of(first(), second()));
        assertFalse(whole.path("complete").asBoolean());
        assertEquals("v2.token-2", whole.path("continuation").asText());
        assertEquals("msg-1", whole.path("messageId").asText(), "the only digest published so far");
    }

    @Test
    void partsWithoutTheListOfResourcesMergeWithoutIt() {
        List<JsonNode> findingsOnly = new ArrayList<>();
        for (JsonNode p : List.of(first(), second())) {
            ObjectNode copy = p.deepCopy();
            copy.remove("resources");
            findingsOnly.add(copy);
        }
        JsonNode whole = ReportMerge.merge(findingsOnly);
        assertFalse(whole.has("resources"));
        assertEquals(4, whole.path("scanned").asInt());
    }

    @Test
    void onlyTheReportsOfOneSweepAreMerged() {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(
                List.of(first(), part("sweep-other", List.of(), false, Optional.empty(), T0, 1, Optional.empty()))));
        assertEquals("part 2 belongs to sweep sweep-other, not to sweep-0123abcd: only the invocations of one sweep"
                + " are merged", other.getMessage());
        assertEquals("no sweep report to merge",
                assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(List.of())).getMessage());
        IllegalArgumentException notAReport = assertThrows(IllegalArgumentException.class,
                () -> ReportMerge.merge(List.of(first(), Parts.read("{\"verdict\": \"COMPLIANT\"}"))));
        assertTrue(notAReport.getMessage().startsWith("part 2 of 2 is not a sweep report"), notAReport.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(List.of(Parts.read("[1, 2]"))));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.path("resourceId").asText()));
        return ids;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
