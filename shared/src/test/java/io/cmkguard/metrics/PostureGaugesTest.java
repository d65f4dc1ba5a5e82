package io.cmkguard.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.policy.Status;
import io.cmkguard.result.GuardResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostureGaugesTest {
    private static final String ROOT = "ocid1.tenancy.oc1..root";
    private static final String PROD = "ocid1.compartment.oc1..prod";
    private static final String DEV = "ocid1.compartment.oc1..dev";

    /** A whole report as the sweep writes it, with the byCompartment object beside byType. */
    static ObjectNode report(boolean complete, Optional<String> continuation) {
        SweepReport r = new SweepReport("sweep-1", ROOT, "notify", 12,
                Map.of(Status.COMPLIANT, 9, Status.NON_COMPLIANT, 3),
                Map.of("block-volume", new SweepReport.TypeCount(10, 2), "bucket", new SweepReport.TypeCount(2, 1)),
                List.of(), 0, complete, continuation, 61_500, false, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
        ObjectNode json = SweepReportJson.toJson(r);
        ObjectNode byCompartment = json.putObject("byCompartment");
        byCompartment.putObject(PROD).put("scanned", 7).put("nonCompliant", 3);
        byCompartment.putObject(DEV).put("scanned", 5).put("nonCompliant", 0);
        return json;
    }

    private static Map<String, Double> values(List<MetricPoint> points) {
        return points.stream().collect(Collectors.toMap(p -> p.name() + p.dimensions(), MetricPoint::value));
    }

    private static String key(String name, String type, String compartment) {
        return name + Map.of(PostureGauges.COMPARTMENT_ID, compartment, PostureGauges.RESOURCE_TYPE, type,
                PostureGauges.SCOPE, ROOT).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(Object::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    @Test
    void aCompleteSweepPostsItsTotalsByTypeAndByCompartmentItsDurationAndThatItCompleted() {
        Map<String, Double> v = values(PostureGauges.of(report(true, Optional.empty())));
        assertEquals(12.0, v.get(key("resources_judged", "all", "all")), v.toString());
        assertEquals(3.0, v.get(key("resources_not_on_cmk", "all", "all")));
        assertEquals(10.0, v.get(key("resources_judged", "block-volume", "all")));
        assertEquals(2.0, v.get(key("resources_not_on_cmk", "block-volume", "all")));
        assertEquals(1.0, v.get(key("resources_not_on_cmk", "bucket", "all")));
        assertEquals(7.0, v.get(key("resources_judged", "all", PROD)));
        assertEquals(3.0, v.get(key("resources_not_on_cmk", "all", PROD)));
        assertEquals(0.0, v.get(key("resources_not_on_cmk", "all", DEV)));
        assertEquals(61.5, v.get("sweep_duration_seconds{scope=" + ROOT + "}"));
        assertEquals(1.0, v.get("sweep_completed{scope=" + ROOT + "}"));
        assertEquals(2 * (1 + 2 + 2) + 2, v.size(), v.toString());
    }

    @Test
    void aSweepThatEndedWithUnjudgedListingsPostsItsGaugesButNotThatItCompleted() {
        List<MetricPoint> points = PostureGauges.of(report(false, Optional.empty()));
        assertFalse(points.isEmpty());
        assertTrue(points.stream().noneMatch(p -> p.name().equals(PostureGauges.SWEEP_COMPLETED)), points.toString());
    }

    @Test
    void aSweepThatGoesOnOrFailedPostsNothing() {
        assertEquals(List.of(), PostureGauges.of(report(false, Optional.of("token"))));
        ObjectNode failed = report(true, Optional.empty());
        failed.putObject("error").put("code", "CompartmentNotFound").put("message", "no such compartment");
        assertEquals(List.of(), PostureGauges.of(failed));
        assertEquals(List.of(), PostureGauges.of(null));
        assertEquals(List.of(), PostureGauges.of(new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode()));
    }

    @Test
    void withoutByCompartmentThereAreNoCompartmentGauges() {
        ObjectNode r = report(true, Optional.empty());
        r.remove("byCompartment");
        assertTrue(PostureGauges.of(r).stream().noneMatch(p -> p.dimensions().containsKey(PostureGauges.COMPARTMENT_ID)
                && !p.dimensions().get(PostureGauges.COMPARTMENT_ID).equals("all")));
    }

    @Test
    void countsThatAreNotCountsAreZeroNeverARefusedPost() {
        ObjectNode r = report(true, Optional.empty());
        r.put("scanned", "many");
        r.put("durationMs", -5);
        ((ObjectNode) r.get("byType").get("bucket")).put("nonCompliant", 1e300);
        Map<String, Double> v = values(PostureGauges.of(r));
        assertEquals(0.0, v.get(key("resources_judged", "all", "all")));
        assertEquals(0.0, v.get("sweep_duration_seconds{scope=" + ROOT + "}"));
        assertEquals(0.0, v.get(key("resources_not_on_cmk", "bucket", "all")));
    }

    @Test
    void compartmentIdsFromOciAreSanitisedAndBounded() {
        ObjectNode r = report(true, Optional.empty());
        ObjectNode byCompartment = (ObjectNode) r.get("byCompartment");
        byCompartment.removeAll();
        byCompartment.putObject("ocid1.compartment.oc1..evil\n\u001b[31mred\u0000").put("scanned", 1);
        byCompartment.putObject("x".repeat(5_000)).put("scanned", 1);
        byCompartment.putObject(" ").put("scanned", 1);
        r.put("compartmentId", "");
        List<MetricPoint> points = PostureGauges.of(r);
        for (MetricPoint p : points) {
            p.dimensions().forEach((k, value) -> {
                assertTrue(MonitoringRules.isDimensionKey(k), k);
                assertFalse(value.isEmpty(), p.toString());
                assertTrue(value.length() <= MonitoringRules.MAX_DIMENSION_VALUE_CHARS, p.name());
                assertTrue(value.chars().noneMatch(Character::isISOControl), value);
            });
        }
        assertTrue(points.stream().anyMatch(p -> "ocid1.compartment.oc1..evil red".equals(
                p.dimensions().get(PostureGauges.COMPARTMENT_ID))), points.toString());
        assertTrue(points.stream().allMatch(p -> p.dimensions().get(PostureGauges.SCOPE).equals(MonitoringRules.NONE)));
        assertTrue(points.stream().anyMatch(p -> MonitoringRules.NONE.equals(p.dimensions().get(PostureGauges.COMPARTMENT_ID))));
    }

    @Test
    void atMostTwoHundredCompartmentsHaveGaugesThoseWithTheMostResourcesNotOnACmkFirst() {
        ObjectNode r = report(true, Optional.empty());
        ObjectNode byCompartment = (ObjectNode) r.get("byCompartment");
        byCompartment.removeAll();
        for (int i = 0; i < 450; i++) {
            byCompartment.putObject(String.format("ocid1.compartment.oc1..c%03d", i)).put("scanned", 10)
                    .put("nonCompliant", i % 7 == 0 ? 1 : 0);
        }
        List<String> posted = PostureGauges.of(r).stream().filter(p -> p.name().equals("resources_not_on_cmk"))
                .map(p -> p.dimensions().get(PostureGauges.COMPARTMENT_ID)).filter(c -> !c.equals("all")).toList();
        assertEquals(PostureGauges.MAX_COMPARTMENTS, posted.size());
        assertEquals(250, PostureGauges.compartmentsLeftOut(r));
        for (int i = 0; i < 450; i += 7) { // the 65 with a finding are all there
            assertTrue(posted.contains(String.format("ocid1.compartment.oc1..c%03d", i)), "c" + i);
        }
    }

    @Test
    void everyNameIsOneMonitoringAccepts() {
        assertTrue(MonitoringRules.isNamespace(MonitoringRules.NAMESPACE));
        for (String name : List.of(PostureGauges.RESOURCES_JUDGED, PostureGauges.RESOURCES_NOT_ON_CMK,
                PostureGauges.SWEEP_DURATION_SECONDS, PostureGauges.SWEEP_COMPLETED, DecisionCounts.DECISIONS)) {
            assertTrue(MonitoringRules.isMetricName(name), name);
        }
    }

    @Test
    void theRulesRefuseWhatMonitoringRefuses() {
        assertFalse(MonitoringRules.isNamespace("oci_computeagent"), "oci_ is reserved");
        assertFalse(MonitoringRules.isNamespace("cmk-guard"));
        assertFalse(MonitoringRules.isNamespace("1cmk"));
        assertFalse(MonitoringRules.isMetricName("_decisions"));
        assertFalse(MonitoringRules.isMetricName("sweep completed"));
        assertFalse(MonitoringRules.isMetricName("decisions_"));
        assertFalse(MonitoringRules.isNamespace("Cmk_guard"));
        assertFalse(MonitoringRules.isNamespace("oracle_x"));
        assertFalse(MonitoringRules.isDimensionKey("resource type"));
        assertFalse(MonitoringRules.isDimensionKey(""));
        assertFalse(MonitoringRules.isDimensionKey("k".repeat(257)));
        assertTrue(MonitoringRules.isDimensionKey("k".repeat(256)));
        GuardResult ignored = GuardResult.builder().build();
        assertEquals(MonitoringRules.NONE, DecisionCounts.of(List.of(ignored)).get(0).dimensions().get("resourceType"));
    }
}
