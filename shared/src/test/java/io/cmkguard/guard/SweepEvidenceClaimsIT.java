package io.cmkguard.guard;

import io.cmkguard.EmulatedCloud;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.guard.sweep.SweepEvidence;
import io.cmkguard.oci.ObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A continuation's claim in the report bucket, through the real ObjectStorageClient against the emulator: a
 * released claim lets the token run again; where Object Storage refuses to delete it (the stack's bucket has a
 * retention rule), the release does no harm and the token stays used.
 */
class SweepEvidenceClaimsIT {
    private static final Instant NOW = Instant.parse("2026-03-01T05:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(86_400);

    private static EmulatedCloud cloud(boolean deletesRefused) {
        var world = SweepReportBucketIT.withReportBucket(GeneratedWorld.generate(1, 1, 2, 7).world());
        return new EmulatedCloud(deletesRefused
                // stands in for a retention rule: every DeleteObject refused, whatever OCI's code for it
                ? world.withFault(Fault.on("DELETE", Fault.OBJECTS).respond(409, "Conflict").times(Fault.FOREVER))
                : world);
    }

    @Test
    void aReleasedClaimLetsTheTokenRunAgain() {
        try (EmulatedCloud cloud = cloud(false)) {
            SweepEvidence evidence = new SweepEvidence(new ObjectStore(cloud.clients(), SweepReportBucketIT.BUCKET));
            assertTrue(evidence.claim("sweep-1", "token-1", EXPIRES, NOW));
            assertFalse(evidence.claim("sweep-1", "token-1", EXPIRES, NOW), "a claimed token is used");
            evidence.release("sweep-1", "token-1");
            assertTrue(evidence.claim("sweep-1", "token-1", EXPIRES, NOW), "released, it may be sent again");
        }
    }

    @Test
    void aClaimTheBucketWillNotDeleteStaysAndTheReleaseDoesNoHarm() {
        try (EmulatedCloud cloud = cloud(true)) {
            SweepEvidence evidence = new SweepEvidence(new ObjectStore(cloud.clients(), SweepReportBucketIT.BUCKET));
            assertTrue(evidence.claim("sweep-1", "token-1", EXPIRES, NOW));
            evidence.release("sweep-1", "token-1"); // refused: no exception reaches the sweep's answer
            assertEquals(1, cloud.emulator.requests().stream().filter(r -> r.method().equals("DELETE"))
                    .map(RecordedRequest::status).filter(s -> s == 409).count(), "the delete was tried once");
            assertFalse(evidence.claim("sweep-1", "token-1", EXPIRES, NOW), "the claim stands: the token stays used");
        }
    }
}
