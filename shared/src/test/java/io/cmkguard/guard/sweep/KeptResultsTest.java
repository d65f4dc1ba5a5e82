package io.cmkguard.guard.sweep;

import io.cmkguard.config.Mode;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.result.GuardResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class KeptResultsTest {
    private static final ResourceType VOLUME = ResourceTypes.named("block-volume").orElseThrow();
    private final KeptResults kept = new KeptResults();

    @Test
    void aKeptResultIsTheSameResultWithRepeatedTextSharedAndTheListingsId() {
        Candidate candidate = new Candidate(VOLUME, text("ocid1.volume.oc1.iad.a"), "c");
        GuardResult first = kept.keep(result("a"), candidate);
        GuardResult second = kept.keep(result("b"), new Candidate(VOLUME,
                "ocid1.volume.oc1.iad.b", "c"));

        assertEquals(result("a"), first);
        assertEquals(result("b"), second);
        assertSame(candidate.id(), first.resourceId());
        for (var field : List.<java.util.function.Function<GuardResult, Object>>of(GuardResult::eventId,
                GuardResult::resourceType, GuardResult::compartmentId, GuardResult::region, GuardResult::reasons,
                GuardResult::kmsKeyIdBefore, GuardResult::kmsKeyIdAfter, r -> r.fix().get().prerequisite().get(),
                r -> r.error().get().code())) {
            assertSame(field.apply(first), field.apply(second));
        }
        assertNotSame(first.displayName(), second.displayName());
        assertNotSame(first.fix().get().consoleUrl(), second.fix().get().consoleUrl());
    }

    @Test
    void anIdTheCheckReadDifferentlyFromTheListingIsKeptAsRead() {
        GuardResult r = kept.keep(result("a"), new Candidate(VOLUME, "ocid1.volume.oc1.iad.other",
                "c"));
        assertEquals("ocid1.volume.oc1.iad.a", r.resourceId());
    }

    /** Each call builds its own instances of every text, as parsing an OCI answer does. */
    private static GuardResult result(String id) {
        return GuardResult.builder().eventId(text("sweep-1")).resourceId(text("ocid1.volume.oc1.iad." + id))
                .resourceType(text("block-volume")).displayName(text("vol " + id))
                .compartmentId(text("ocid1.compartment.oc1..c")).region(text("us-ashburn-1")).mode(Mode.NOTIFY)
                .verdict(Status.NON_COMPLIANT).reasons(List.of(text("on the Oracle-managed key"), text("second")))
                .kmsKeyIdBefore(text("")).kmsKeyIdAfter(text("ocid1.key.oc1.iad.k"))
                .fix(Optional.of(new GuardResult.Fix(Optional.of(text("oci bv volume update " + id)),
                        text("https://cloud.oracle.com/x/" + id), Optional.of(text("allow service blockstorage")))))
                .error(Optional.of(new GuardResult.Fault(text("Throttled"), text("429"))))
                .build();
    }

    private static String text(String s) {
        return new String(s.toCharArray());
    }
}
