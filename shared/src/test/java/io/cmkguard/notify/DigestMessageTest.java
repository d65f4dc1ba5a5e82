package io.cmkguard.notify;

import io.cmkguard.config.Mode;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.policy.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestMessageTest {

    private static Finding finding(int i, Action action) {
        GuardResult r = GuardResult.builder().resourceId("ocid1.volume.oc1.iad.v" + i).resourceType("block-volume")
                .displayName("vol-" + i).compartmentId("ocid1.compartment.oc1..prod").mode(Mode.NOTIFY)
                .verdict(Status.NON_COMPLIANT).action(action)
                .reasons(List.of("it is encrypted with the Oracle-managed key: no customer-managed key is assigned"))
                .build();
        return new Finding(r, "block volume", "", Optional.empty(),
                Optional.of("oci bv volume-kms-key update --volume-id ocid1.volume.oc1.iad.v" + i + " --kms-key-id K"),
                "https://cloud.oracle.com/x", Optional.empty());
    }

    @Test
    void theSummaryComesFirstWithGroupedCounts() {
        Digest d = new Digest("sweep-1", "ocid1.tenancy.oc1..t", "remediate", 1540, 12, 5, 0, true,
                List.of(finding(1, Action.REMEDIATION_FAILED), finding(2, Action.REMEDIATED)), List.of());
        Notification n = DigestMessage.render(d);
        assertEquals("[cmk-guard] 12 of 1 540 resources not on a customer-managed key, 5 fixed",
                n.body().lines().findFirst().orElseThrow());
        assertEquals("cmk-guard sweep: 12 of 1 540 resources not on a customer-managed key, 5 fixed", n.title());
        assertTrue(n.body().contains("REMEDIATION FAILED"), n.body());
        assertTrue(n.body().contains("fix: oci bv volume-kms-key update --volume-id ocid1.volume.oc1.iad.v1"));
        assertTrue(!n.body().contains("--volume-id ocid1.volume.oc1.iad.v2 "), "a fixed resource needs no command");
    }

    @Test
    void thousandsOfFindingsAreCutBelowTheMessageLimitAndCounted() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(finding(i, Action.NOTIFIED));
        }
        Notification n = DigestMessage.render(new Digest("sweep-2", "ocid1.tenancy.oc1..t", "notify", 20_000,
                5_000, 0, 3, false, many, List.of()));
        int bytes = n.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= FindingMessage.MAX_BODY_BYTES, bytes + " bytes");
        assertTrue(n.body().contains("more findings in the sweep report"), "the rest are counted");
        assertTrue(n.body().contains("not complete yet"));
        assertTrue(n.body().startsWith("[cmk-guard] 5 000 of 20 000 resources not on a customer-managed key,"
                + " 3 could not be checked"), n.body().lines().findFirst().orElseThrow());
    }

    @Test
    void brokenEventsRulesAreSaidBeforeTheFindings() {
        Notification n = DigestMessage.render(new Digest("sweep-3", "ocid1.compartment.oc1..c", "notify", 40, 1, 0, 0,
                true, List.of(finding(1, Action.NOTIFIED)), List.of("cmk-guard-database: disabled")));
        assertTrue(n.body().startsWith("[cmk-guard] 1 of 40 resources not on a customer-managed key;"
                + " Events rules need attention"), n.body().lines().findFirst().orElseThrow());
        int rules = n.body().indexOf("- cmk-guard-database: disabled");
        int finding = n.body().indexOf("NON_COMPLIANT");
        assertTrue(rules > 0 && rules < finding, "the rules come before the findings: " + n.body());
        assertTrue(n.body().contains("bin/cmk-guard rules apply"), "the fix is named");
    }
}
