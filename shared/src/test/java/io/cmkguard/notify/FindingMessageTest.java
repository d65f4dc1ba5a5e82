package io.cmkguard.notify;

import io.cmkguard.config.Mode;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.policy.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingMessageTest {

    static GuardResult result(Action action, List<String> reasons, String after) {
        return GuardResult.builder().eventId("ev-1").eventType("com.oraclecloud.blockvolumes.createvolume.end")
                .resourceId("ocid1.volume.oc1.iad.v").resourceType("block-volume").displayName("data-vol")
                .compartmentId("ocid1.compartment.oc1..prod").region("us-ashburn-1").mode(Mode.NOTIFY)
                .verdict(Status.NON_COMPLIANT).action(action).reasons(reasons).kmsKeyIdAfter(after)
                .lineage(Optional.of(new GuardResult.Lineage("cloned from", "ocid1.volume.oc1.iad.src",
                        "ocid1.key.oc1.iad.v.k", true)))
                .build();
    }

    static Finding finding(GuardResult r) {
        return new Finding(r, "block volume", "prod", Optional.of("mode is notify"),
                Optional.of("oci bv volume-kms-key update --volume-id ocid1.volume.oc1.iad.v --kms-key-id K"),
                "https://cloud.oracle.com/block-storage/volumes/ocid1.volume.oc1.iad.v?region=us-ashburn-1",
                Optional.of("Allow service blockstorage to use keys in compartment security"));
    }

    @Test
    void bodyStartsWithTheSummaryBecauseSlackIgnoresTitles() {
        Notification n = FindingMessage.render(finding(result(Action.NOTIFIED,
                List.of("CMK downgrade: it was cloned from ..."), "")));
        String first = n.body().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("[cmk-guard] CMK DOWNGRADE on block volume data-vol"), first);
        assertTrue(n.title().contains("data-vol") && n.title().contains("prod"), n.title());
        assertTrue(n.body().contains("oci bv volume-kms-key update"), n.body());
        assertTrue(n.body().contains("Console:"), n.body());
        assertTrue(n.body().contains("CMK DOWNGRADE"), n.body());
        assertTrue(n.body().contains("Prerequisite:\n  Allow service blockstorage"), n.body());
    }

    @Test
    void remediatedMessageSaysWhatWasDoneAndNoFixCommand() {
        Notification n = FindingMessage.render(finding(result(Action.REMEDIATED,
                List.of("it is encrypted with the Oracle-managed key"), "ocid1.key.oc1.iad.v.k")));
        assertTrue(n.body().startsWith("[cmk-guard] FIXED:"), n.body());
        assertTrue(n.body().contains("confirmed it by re-reading"));
        assertFalse(n.body().contains("To fix:"));
    }

    @Test
    void hugeReasonsAreCutBelowTheOnsLimit() {
        String huge = "é".repeat(100_000);
        Notification n = FindingMessage.render(finding(result(Action.NOTIFIED, List.of(huge), "")));
        int bytes = n.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= FindingMessage.MAX_BODY_BYTES, "body is " + bytes + " bytes");
        assertTrue(n.body().endsWith("64 KB message limit]"));
        assertTrue(n.title().length() <= FindingMessage.MAX_TITLE_CHARS);
    }

    @Test
    void cutNeverSplitsACharacter() {
        String s = "a" + "😀".repeat(10);
        String cut = FindingMessage.cutUtf8(s, 60);
        assertEquals(cut, new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
