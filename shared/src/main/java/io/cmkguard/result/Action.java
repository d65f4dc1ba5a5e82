package io.cmkguard.result;

/** What cmk-guard did about a resource. */
public enum Action {
    /** Nothing to do (compliant, exempt, ignored, or a repeat of a finding already published). */
    NONE,
    /** Mode audit: the finding is in the log only. */
    LOGGED,
    /** The finding was published to the Notifications topic. */
    NOTIFIED,
    /** The configured key was assigned and a re-read confirmed it. */
    REMEDIATED,
    /** Remediation was attempted and did not take; the resource is as it was or unverified. */
    REMEDIATION_FAILED
}
