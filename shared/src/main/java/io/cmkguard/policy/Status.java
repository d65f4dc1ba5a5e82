package io.cmkguard.policy;

/** The verdict of a check, as it appears in results. */
public enum Status {
    COMPLIANT, NON_COMPLIANT, EXEMPT, NOT_FOUND, IGNORED, ERROR
}
