package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.rules.EventRulesStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sweep reports as the function writes them (SweepReport through SweepReportJson, as text), for the report tests. */
final class Parts {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANCY = "ocid1.tenancy.oc1..parts";
    static final String KEY = "ocid1.key.oc1.iad.partsvault.key";

    private Parts() {
    }

    static GuardResult resource(String id, String type, String name, String compartment, Status verdict,
                                Action action, String reason) {
        boolean onKey = verdict == Status.COMPLIANT || action == Action.REMEDIATED;
        return GuardResult.builder().resourceId(id).resourceType(type).displayName(name).compartmentId(compartment)
                .region("us-ashburn-1").verdict(verdict).action(action).reasons(List.of(reason))
                .kmsKeyIdBefore(verdict == Status.COMPLIANT ? KEY : "").kmsKeyIdAfter(onKey ? KEY : "")
                .fix(verdict == Status.NON_COMPLIANT ? Optional.of(new GuardResult.Fix(Optional.of(
                        "oci bv volume-kms-key update --volume-id " + id + " --kms-key-id " + KEY),
                        "https://cloud.oracle.com/block-storage/volumes/" + id, Optional.empty())) : Optional.empty())
                .build();
    }

    /** One invocation's report of these results, as the function would write it with every resource. */
    static JsonNode part(String sweepId, List<GuardResult> results, boolean first, Optional<String> continuation,
                         Instant startedAt, long durationMs, Optional<String> messageId) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        Map<String, SweepReport.TypeCount> byType = new LinkedHashMap<>();
        Map<String, SweepReport.TypeCount> byCompartment = new LinkedHashMap<>();
        byType.put("block-volume", new SweepReport.TypeCount(0, 0));
        byType.put("bucket", new SweepReport.TypeCount(0, 0));
        for (GuardResult r : results) {
            counts.merge(r.verdict(), 1, Integer::sum);
            SweepReport.TypeCount one = new SweepReport.TypeCount(1, r.verdict() == Status.NON_COMPLIANT ? 1 : 0);
            byType.merge(r.resourceType(), one, SweepReport.TypeCount::plus);
            byCompartment.merge(r.compartmentId(), one, SweepReport.TypeCount::plus);
        }
        EventRulesStatus rules = first ? EventRulesStatus.found(List.of("cmk-guard-volumes: disabled"))
                : EventRulesStatus.notChecked("checked by this sweep's first invocation");
        SweepReport report = new SweepReport(sweepId, TENANCY, "notify", results.size(), counts, byType,
                results.stream().filter(r -> r.verdict() != Status.COMPLIANT).toList(),
                (int) results.stream().filter(r -> r.action() == Action.REMEDIATED).count(), continuation.isEmpty(),
                continuation, durationMs, messageId.isPresent(), messageId, Optional.empty(), Optional.of(rules),
                List.of(), results, byCompartment, Optional.of(startedAt));
        return read(SweepReportJson.write(report, SweepReportJson.Detail.ALL));
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
