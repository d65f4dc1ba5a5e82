package io.cmkguard.guard.sweep;

import io.cmkguard.resource.Candidate;
import io.cmkguard.result.GuardResult;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one sweep invocation keeps of each result until it answers (its report lists every resource judged): the
 * same result, with one instance of each text that repeats across resources (the sweep's id, compartments, region,
 * types, keys, reasons) and the listing's instance of the resource's id. Each OCI answer is parsed into new strings,
 * so without this a kept result held its own copies: ~0.8 KB of strings a resource, measured in a heap histogram.
 * Safe to call from every check's thread.
 */
final class KeptResults {
    /** Every text seen in a field that repeats: a handful per sweep (OCIDs of compartments and keys, reasons). */
    private final ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();

    GuardResult keep(GuardResult r, Candidate candidate) {
        return r.toBuilder()
                .eventId(shared(r.eventId()))
                .eventType(shared(r.eventType()))
                .resourceId(r.resourceId().equals(candidate.id()) ? candidate.id() : r.resourceId())
                .resourceType(shared(r.resourceType()))
                .compartmentId(shared(r.compartmentId()))
                .region(shared(r.region()))
                .reasons(sharedList(r.reasons()))
                .kmsKeyIdBefore(shared(r.kmsKeyIdBefore()))
                .kmsKeyIdAfter(shared(r.kmsKeyIdAfter()))
                .fix(r.fix().map(f -> new GuardResult.Fix(f.command(), f.consoleUrl(),
                        f.prerequisite().map(this::shared))))
                .error(r.error().map(e -> new GuardResult.Fault(shared(e.code()), e.message())))
                .build();
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        if (value == null) {
            return null;
        }
        Object known = shared.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }

    private List<String> sharedList(List<String> texts) {
        // List.copyOf: the kind of list GuardResult keeps as it is (a stream's toList() it would copy again)
        return shared(List.copyOf(texts.stream().map(this::shared).toList()));
    }
}
