package io.cmkguard.guard;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.Mode;
import io.cmkguard.policy.Status;
import io.cmkguard.policy.Verdict;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;

/** A resource as read and judged for one trigger, from which its result is made. */
record Judged(Trigger trigger, ResourceType type, Resource resource, Verdict verdict, Optional<Resource> source,
              Mode mode, Optional<GuardResult.Fix> fix) {

    /** The result with the resource's key as it was read. */
    GuardResult result(Action action) {
        return result(action, resource.encryption());
    }

    GuardResult result(Action action, Encryption after) {
        Optional<GuardResult.Lineage> lineage = resource.lineage().map(l -> new GuardResult.Lineage(
                l.relation(), l.sourceId(), source.map(s -> keyRef(s.encryption())).orElse(""),
                verdict.downgrade()));
        return GuardResult.builder()
                .eventId(trigger.id()).eventType(trigger.eventType())
                .resourceId(resource.id()).resourceType(type.name()).displayName(resource.displayName())
                .compartmentId(resource.compartmentId()).region(resource.region()).mode(mode)
                .verdict(verdict.status()).action(action).reasons(verdict.reasons())
                .kmsKeyIdBefore(keyRef(resource.encryption())).kmsKeyIdAfter(keyRef(after))
                .lineage(lineage).fix(fix)
                .build();
    }

    /** Compliant after all, but not by this check: someone else put it on a compliant key meanwhile. */
    GuardResult fixedConcurrently(Encryption after, String reason) {
        return result(Action.NONE, after).toBuilder().verdict(Status.COMPLIANT)
                .reasons(List.of(reason)).fix(Optional.empty()).build();
    }

    /** A key as results show it: empty for the Oracle-managed key. */
    static String keyRef(Encryption e) {
        return switch (e.kind()) {
            case ORACLE_MANAGED -> "";
            case OCI_VAULT -> e.keyId();
            case EXTERNAL -> e.provider() + ":" + e.details().values().stream().findFirst().orElse("");
        };
    }
}
