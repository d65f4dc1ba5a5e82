package io.cmkguard.iam;

import java.util.Optional;

/**
 * What a sweep that continues itself and keeps its report needs besides reading: invoking its own function
 * (on unless turned off, as CMK_GUARD_SWEEP_SELF_CONTINUE is) and writing the report bucket (only with one).
 *
 * @param selfContinue read and invoke the function in its own compartment
 * @param reportBucket the bucket the reports are kept in (CMK_GUARD_REPORT_BUCKET), and its compartment
 */
public record SweepChainGrants(boolean selfContinue, Optional<Bucket> reportBucket) {
    /** A bucket by name in a compartment: the grant names it, so no other bucket is writable. */
    public record Bucket(Compartment compartment, String name) {
    }

    /** As a function configured with the defaults: self-continuing, no report kept. */
    public static final SweepChainGrants DEFAULT = new SweepChainGrants(true, Optional.empty());
}
