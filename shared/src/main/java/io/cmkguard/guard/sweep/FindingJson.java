package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A finding of a kept sweep report read back ({@link SweepReportJson#finding}'s fields), for the whole
 * sweep's digest: what a message says about it, nothing more. Its text is cleaned again on the way in.
 */
final class FindingJson {
    private FindingJson() {
    }

    static GuardResult read(JsonNode f) {
        List<String> reasons = new ArrayList<>();
        f.path("reasons").forEach(r -> reasons.add(r.asText()));
        JsonNode fix = f.path("fix");
        JsonNode error = f.path("error");
        return GuardResult.builder()
                .resourceId(f.path("resourceId").asText())
                .resourceType(f.path("resourceType").asText())
                .displayName(f.path("displayName").asText())
                .compartmentId(f.path("compartmentId").asText())
                .region(f.path("region").asText())
                .verdict(enumOr(Status.class, f.path("verdict").asText(), Status.ERROR))
                .action(enumOr(Action.class, f.path("action").asText(), Action.NONE))
                .reasons(reasons)
                .kmsKeyIdBefore(f.path("kmsKeyIdBefore").asText(""))
                .kmsKeyIdAfter(f.path("kmsKeyIdAfter").asText(""))
                .fix(fix.isObject() ? Optional.of(new GuardResult.Fix(text(fix.path("command")),
                        fix.path("consoleUrl").asText(""), text(fix.path("prerequisite")))) : Optional.empty())
                .error(error.isObject() ? Optional.of(new GuardResult.Fault(error.path("code").asText(),
                        error.path("message").asText())) : Optional.empty())
                .build();
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
