package io.cmkguard.guard.event;

import io.cmkguard.guard.Unchecked;
import io.cmkguard.guard.Trigger;
import io.cmkguard.guard.DecisionLog;
import io.cmkguard.guard.Runner;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.Deadline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks one event's resources (a VM cluster's databases, an instance's boot volumes) a few at once
 * within the invocation's deadline. Each decision is logged as soon as it is made; at the deadline no
 * new check starts, and the resources not reached or still being checked are marked so.
 */
final class FanOut {
    /** How many of one event's resources are checked at once. */
    static final int AT_ONCE = 4;

    private final Runner runner;
    private final DecisionLog log;
    private final BiFunction<Candidate, Trigger, GuardResult> check;
    private final Function<ResourceType, Mode> modeOf;

    FanOut(Runner runner, DecisionLog log, BiFunction<Candidate, Trigger, GuardResult> check,
           Function<ResourceType, Mode> modeOf) {
        this.runner = runner;
        this.log = log;
        this.check = check;
        this.modeOf = modeOf;
    }

    /** The mode a result of this candidate reports (its type's, unless the trigger sets one). */
    private Mode mode(Candidate c, Trigger trigger) {
        return trigger.mode().orElse(modeOf.apply(c.type()));
    }

    /** One result per candidate, in their order. */
    List<GuardResult> run(List<Candidate> candidates, Trigger trigger, Deadline deadline) {
        Semaphore slots = new Semaphore(AT_ONCE);
        List<Future<GuardResult>> started = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (deadline.passed() || !acquire(slots, deadline)) {
                break; // the budget is spent: start nothing new
            }
            started.add(runner.start(() -> {
                try {
                    GuardResult result = checkSafely(candidate, trigger);
                    log.record(result);
                    return result;
                } finally {
                    slots.release();
                }
            }));
        }
        List<GuardResult> results = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            boolean wasStarted = i < started.size();
            Optional<GuardResult> done = wasStarted ? Runner.await(started.get(i), deadline) : Optional.empty();
            if (done.isPresent()) {
                results.add(done.get()); // logged by its check
            } else {
                Candidate c = candidates.get(i);
                GuardResult marked = Unchecked.unreached(trigger, c.type(), mode(c, trigger), c.id(), c.compartmentId(),
                        wasStarted);
                log.record(marked);
                results.add(marked);
            }
        }
        return results;
    }

    /** A bug costs one resource an ERROR result, not the whole event its answer. */
    private GuardResult checkSafely(Candidate candidate, Trigger trigger) {
        try {
            return check.apply(candidate, trigger);
        } catch (RuntimeException e) {
            return Unchecked.crashed(trigger, candidate, mode(candidate, trigger), e);
        }
    }

    private static boolean acquire(Semaphore slots, Deadline deadline) {
        try {
            return slots.tryAcquire(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
