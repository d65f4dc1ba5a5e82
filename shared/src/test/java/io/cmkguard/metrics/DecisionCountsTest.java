package io.cmkguard.metrics;

import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecisionCountsTest {

    private static GuardResult decision(String type, Status verdict, Action action) {
        return GuardResult.builder().resourceType(type).verdict(verdict).action(action)
                .resourceId("ocid1.volume.oc1.iad.v").build();
    }

    @Test
    void eachDecisionCountsOnceByVerdictActionAndType() {
        GuardResult instance = decision("boot-volume", Status.NON_COMPLIANT, Action.REMEDIATED).toBuilder()
                .items(List.of(decision("boot-volume", Status.NON_COMPLIANT, Action.REMEDIATED),
                        decision("boot-volume", Status.NON_COMPLIANT, Action.REMEDIATED),
                        decision("boot-volume", Status.COMPLIANT, Action.NONE))).build();
        List<MetricPoint> points = DecisionCounts.of(List.of(instance,
                decision("block-volume", Status.NON_COMPLIANT, Action.NOTIFIED)));
        assertEquals(List.of(
                new MetricPoint("decisions", Map.of("verdict", "NON_COMPLIANT", "action", "REMEDIATED",
                        "resourceType", "boot-volume"), 2),
                new MetricPoint("decisions", Map.of("verdict", "COMPLIANT", "action", "NONE",
                        "resourceType", "boot-volume"), 1),
                new MetricPoint("decisions", Map.of("verdict", "NON_COMPLIANT", "action", "NOTIFIED",
                        "resourceType", "block-volume"), 1)), points);
    }

    @Test
    void anAnswerAboutNoResourceCountsUnderNone() {
        GuardResult ignored = GuardResult.rejected("ev", "com.example.other", "", Status.IGNORED, "not ours",
                java.util.Optional.empty());
        assertEquals(List.of(new MetricPoint("decisions", Map.of("verdict", "IGNORED", "action", "NONE",
                "resourceType", "none"), 1)), DecisionCounts.of(List.of(ignored)));
        assertEquals(List.of(), DecisionCounts.of(List.of()));
    }

    @Test
    void aMetricPointOfAnotherShapeIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint("1x", Map.of("a", "b"), 1));
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint("x", Map.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint("x", Map.of("a b", "c"), 1));
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint("x", Map.of("a", "b"), Double.NaN));
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("d" + i, "v");
        }
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint("x", many, 1));
    }
}
