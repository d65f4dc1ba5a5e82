package io.cmkguard.guard.event;

import io.cmkguard.guard.Unchecked;
import io.cmkguard.guard.Trigger;
import io.cmkguard.guard.Guard;
import io.cmkguard.guard.DecisionLog;
import io.cmkguard.guard.Batch;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.event.OciEvent;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.result.GuardResult;
import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The event way in: an event's resources are found ({@link EventTargets}), then each goes through the one
 * check ({@link Guard#check}) a few at once ({@link FanOut}) within the invocation's deadline.
 */
public final class EventCheck {
    private final Guard guard;
    private final EventTargets targets;
    private final FanOut fanOut;
    private final DecisionLog log;
    private final Clock clock;

    public EventCheck(Guard guard, GuardConfig config, OciClients clients, DecisionLog log, Clock clock) {
        this.guard = guard;
        this.targets = new EventTargets(clients, config.modes());
        this.fanOut = new FanOut(log, guard::check, type -> config.modes().modeFor(type.name()));
        this.log = log;
        this.clock = clock;
    }

    /** Answers one event with no deadline (outside a function invocation). */
    public GuardResult handle(OciEvent event) {
        return handle(event, Deadline.none(clock));
    }

    /**
     * Answers one event: its resources are found, then checked by {@link FanOut} within the deadline
     * (each decision logged when made; the unreached marked ERROR, DeadlineExceeded).
     */
    public GuardResult handle(OciEvent event, Deadline deadline) {
        EventTargets.Targets found = findWithin(event, deadline);
        if (found instanceof EventTargets.Answered answered) {
            log.record(answered.result());
            return answered.result();
        }
        List<Candidate> candidates = ((EventTargets.Found) found).candidates();
        List<GuardResult> results = fanOut.run(candidates, Trigger.event(event), deadline);
        return results.size() == 1 ? results.get(0) : summarise(results);
    }

    /** The event's resources, or the answer when finding them failed or outlasted the deadline. */
    private EventTargets.Targets findWithin(OciEvent event, Deadline deadline) {
        if (deadline.passed()) {
            return new EventTargets.Answered(unfinishedLookup(event));
        }
        try {
            try (Batch lookup = new Batch("event-lookup", 1)) {
                return lookup.start(() -> targets.of(event), deadline).flatMap(found -> Batch.await(found, deadline))
                        .orElseGet(() -> new EventTargets.Answered(unfinishedLookup(event)));
            }
        } catch (RuntimeException e) { // e.g. a parent read whose 200 answer lacks what the next call needs
            return new EventTargets.Answered(GuardResult.rejected(event.eventId(), event.eventType(),
                    event.resourceId(), Status.ERROR, "the resources of this event could not be found, so nothing"
                            + " was checked or changed", Optional.of(new GuardResult.Fault("InternalError",
                            "finding the resources of " + event.resourceId() + " failed: "
                                    + e.getClass().getSimpleName()))));
        }
    }

    /** Finding the event's resources (e.g. listing a cluster's databases) did not finish in time. */
    private GuardResult unfinishedLookup(OciEvent event) {
        return GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(), Status.ERROR,
                "the invocation's deadline came while finding the resources this event names, so nothing was"
                        + " checked or changed", Optional.of(new GuardResult.Fault(Unchecked.DEADLINE_EXCEEDED,
                        "finding the resources of " + event.resourceId() + " did not finish before the deadline")));
    }

    /** Several resources for one event (e.g. an instance with more than one boot volume): the worst leads. */
    private static GuardResult summarise(List<GuardResult> results) {
        GuardResult lead = results.stream().max(Comparator.comparingInt(Guard::severity)).orElseThrow();
        return lead.toBuilder().notified(results.stream().anyMatch(GuardResult::notified)).items(results).build();
    }
}
