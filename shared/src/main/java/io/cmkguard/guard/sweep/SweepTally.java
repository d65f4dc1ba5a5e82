package io.cmkguard.guard.sweep;

import io.cmkguard.policy.Status;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.result.GuardResult;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An invocation's counts, taken as each result comes in, so that a result is counted whether or not it is kept
 * ({@link Sweep.Kept}). Safe to add to from every check's thread.
 */
final class SweepTally {
    private final Map<Status, Integer> counts = new EnumMap<>(Status.class);
    private final Map<String, SweepReport.TypeCount> byType = new LinkedHashMap<>();
    private final Map<String, SweepReport.TypeCount> byCompartment = new LinkedHashMap<>();
    private int scanned;

    /** @param types every type asked for: each has a count, zero or not */
    SweepTally(List<ResourceType> types) {
        types.forEach(t -> byType.put(t.name(), new SweepReport.TypeCount(0, 0)));
    }

    synchronized void add(GuardResult r) {
        counts.merge(r.verdict(), 1, Integer::sum);
        if (isResource(r)) {
            scanned++;
            SweepReport.TypeCount one = new SweepReport.TypeCount(1, r.verdict() == Status.NON_COMPLIANT ? 1 : 0);
            byType.merge(r.resourceType(), one, SweepReport.TypeCount::plus);
            byCompartment.merge(r.compartmentId(), one, SweepReport.TypeCount::plus);
        }
    }

    synchronized Map<Status, Integer> counts() {
        return Map.copyOf(counts);
    }

    synchronized Map<String, SweepReport.TypeCount> byType() {
        return Map.copyOf(byType);
    }

    synchronized Map<String, SweepReport.TypeCount> byCompartment() {
        return Map.copyOf(byCompartment);
    }

    /** Resources judged (the ERROR of a listing that stopped short is no resource). */
    synchronized int scanned() {
        return scanned;
    }

    /** False for the ERROR of a compartment whose resources of a type could not be listed. */
    static boolean isResource(GuardResult r) {
        return !r.resourceId().equals(r.compartmentId());
    }
}
