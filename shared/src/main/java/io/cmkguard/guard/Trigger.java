package io.cmkguard.guard;

import io.cmkguard.config.Mode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.resource.SharedReads;

import java.util.Optional;

/**
 * What asked for a check: an event (its id, type and compartment name) or a sweep. Events and
 * sweeps end in the same {@link Guard#check}; they differ only in what this says.
 *
 * @param id              the event id, or the sweep id
 * @param eventType       the event type; empty for a sweep
 * @param compartmentName the compartment's name when the event carried it
 * @param mode            a mode that overrides the configured one (a sweep's body may set it)
 * @param remediations    whether one more key may be written (a sweep's guardrails); unlimited for events
 * @param publishEach     true: each finding is published on its own; false: the caller sends one digest
 * @param shared          what its checks read besides their own resources, read once for them all: new
 *                        for each event and each sweep invocation, so neither ever sees another's reads
 */
public record Trigger(String id, String eventType, String compartmentName, Optional<Mode> mode,
                      RemediationBudget remediations, boolean publishEach, SharedReads shared) {

    /** A trigger of its own, whose checks share their reads with no other. */
    public Trigger(String id, String eventType, String compartmentName, Optional<Mode> mode,
                   RemediationBudget remediations, boolean publishEach) {
        this(id, eventType, compartmentName, mode, remediations, publishEach, SharedReads.forOneTrigger());
    }

    public static Trigger event(OciEvent event) {
        return new Trigger(event.eventId(), event.eventType(), event.compartmentName(), Optional.empty(),
                RemediationBudget.UNLIMITED, true);
    }

    /** One invocation of a sweep (each continuation is a new one, and reads afresh). */
    public static Trigger sweep(String sweepId, Optional<Mode> mode, RemediationBudget remediations) {
        return new Trigger(sweepId, "", "", mode, remediations, false);
    }
}
