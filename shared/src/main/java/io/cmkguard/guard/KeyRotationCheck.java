package io.cmkguard.guard;

import io.cmkguard.resource.CompartmentTree;
import io.cmkguard.resource.KeyCommands;
import io.cmkguard.config.Mode;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.policy.RotationPolicy;
import io.cmkguard.policy.Status;
import io.cmkguard.policy.Verdict;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.KeyEvents.Change;
import io.cmkguard.resource.Listing;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.type.VaultKeyType;
import io.cmkguard.resource.type.VaultKeyType.VaultKey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sweep's check of one Vault key: a key that is unusable (disabled, or on its way to deletion) while
 * resources use it is reported as the key-health watch reports it; a usable key is judged by the rotation
 * rule ({@link RotationPolicy}). Never changes a key: whatever the mode, the finding gives the commands.
 */
final class KeyRotationCheck {
    /** Key states in which the data under the key cannot be read (or soon cannot). */
    private static final Set<String> UNUSABLE = Set.of("DISABLED", "DISABLING", "PENDING_DELETION",
            "SCHEDULING_DELETION");
    /** How many resources on an unusable key its finding names (the watch's alert names them all). */
    private static final int NAMED_USERS = 20;

    private final KeyRotationSettings config;
    private final OciClients clients;
    private final VaultKeyType keys;
    private final KeyUsers users;
    private final CmkPolicy exemptions;
    private final RotationPolicy rotation;
    private final Clock clock;

    KeyRotationCheck(KeyRotationSettings config, OciClients clients, VaultKeyType keys, KeyUsers users, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.users = users;
        this.exemptions = new CmkPolicy(config.policy());
        this.rotation = new RotationPolicy(config.keyMaxAgeDays());
        this.clock = clock;
    }

    GuardResult check(Candidate candidate, Trigger trigger, Mode mode) {
        Optional<VaultKey> read;
        try {
            read = keys.read(clients, candidate.id());
        } catch (OciCallException e) {
            return Unchecked.failed(trigger, keys, mode, candidate.id(), candidate.compartmentId(), e);
        }
        if (read.isEmpty() || Listing.isGone(read.get().resource().lifecycleState())) {
            return Unchecked.notFound(trigger, keys, mode, candidate.id(), candidate.compartmentId(), "the Vault key "
                    + candidate.id() + " does not exist any more, or the function may not read it");
        }
        VaultKey key = read.get();
        Resource resource = key.resource();
        Optional<Verdict> exempt = exemptions.exemption(resource, clock.instant());
        if (exempt.isPresent()) {
            return judged(trigger, resource, exempt.get(), mode, Optional.empty()).result(Action.NONE);
        }
        if (UNUSABLE.contains(resource.lifecycleState())) {
            return unusable(trigger, key, mode);
        }
        Verdict verdict = rotation.judge(key.rotation(), clock.instant());
        if (verdict.status() != Status.NON_COMPLIANT) {
            return judged(trigger, resource, verdict, mode, Optional.empty()).result(Action.NONE);
        }
        return judged(trigger, resource, verdict, mode, Optional.of(fix(key))).result(action(mode));
    }

    /** The commands: rotate now, and (where the vault can) rotate on a schedule from now on. */
    private GuardResult.Fix fix(VaultKey key) {
        String keyId = key.resource().id();
        String command = VaultKeyType.rotateCommand(keyId, key.managementEndpoint());
        if (key.rotation().vaultOffersAutoRotation() && rotation.proposedInterval().isPresent()) {
            command += " && " + VaultKeyType.autoRotationCommand(keyId, key.managementEndpoint(),
                    rotation.proposedInterval().get());
        }
        return new GuardResult.Fix(Optional.of(command), config.consoleUrl() + keys.consolePath(key.resource()),
                Optional.empty());
    }

    /**
     * A key whose data cannot be read, or soon cannot: the resources on it, found by the watch's search and
     * listed like the watch lists them; nobody on it is no news (a retired key).
     */
    private GuardResult unusable(Trigger trigger, VaultKey key, Mode mode) {
        Resource resource = key.resource();
        String state = resource.lifecycleState();
        String scope;
        KeyUsers.Found found;
        try {
            scope = config.watch().compartmentId().orElseGet(() -> CompartmentTree.tenancyOf(clients,
                    resource.compartmentId()));
            found = users.of(Set.of(resource.id()), scope, clock.instant().plus(config.sweep().deadline()),
                    config.sweep().concurrency());
        } catch (OciCallException e) {
            return Unchecked.failed(trigger, keys, mode, resource.id(), resource.compartmentId(), e);
        }
        String label = "Vault key " + resource.label() + " is " + state
                + key.timeOfDeletion().map(t -> " (to be deleted at " + t + ")").orElse("");
        String undo = KeyCommands.undo(state.contains("DELETION") ? Change.DELETION_SCHEDULED : Change.DISABLED,
                resource.id(), "", key.managementEndpoint());
        if (found.users().isEmpty() && found.complete()) {
            return judged(trigger, resource, Verdict.compliant(label + ", and no resource in " + scope
                    + " uses it: nothing to report"), mode, Optional.empty()).result(Action.NONE);
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(label + ": " + (found.users().isEmpty() ? "no resource found so far uses it"
                : found.users().size() + (found.users().size() == 1 ? " resource uses it" : " resources use it")
                + " and cannot be read while it stays so"));
        if (!found.users().isEmpty()) { // a sweep report's findings carry no items: the reason names them
            reasons.add("on it: " + found.users().stream().limit(NAMED_USERS).map(r -> r.type() + " " + r.label()
                    + (r.label().equals(r.id()) ? "" : " (" + r.id() + ")")).collect(Collectors.joining(", "))
                    + (found.users().size() > NAMED_USERS ? " and " + (found.users().size() - NAMED_USERS) + " more"
                    : ""));
        }
        Optional<String> unfinished = found.complete() ? Optional.empty() : Optional.of("searched " + found.searched()
                + " of " + found.compartments() + " compartments" + (found.gaps().isEmpty() ? " before the deadline"
                : "; could not read: " + String.join("; ", found.gaps())));
        unfinished.ifPresent(reasons::add);
        reasons.add("to undo: " + undo);
        reasons.add("cmk-guard never changes a key: what to do about it is a person's decision");
        Status status = found.users().isEmpty() ? Status.ERROR : Status.NON_COMPLIANT;
        Verdict verdict = new Verdict(status, reasons, false, Optional.of("cmk-guard never changes a key"), false);
        GuardResult result = judged(trigger, resource, verdict, mode, Optional.of(new GuardResult.Fix(
                Optional.of(undo), config.consoleUrl() + keys.consolePath(resource), Optional.empty())))
                .result(status == Status.ERROR ? Action.NONE : action(mode));
        return result.toBuilder()
                .items(found.users().stream().map(r -> item(trigger, r, resource.id(), state, mode)).toList())
                .error(unfinished.map(u -> new GuardResult.Fault("Unfinished", u)))
                .build();
    }

    /** One resource on the key, as the watch's items say it. */
    private static GuardResult item(Trigger trigger, Resource r, String keyId, String state, Mode mode) {
        return GuardResult.builder().eventId(trigger.id()).eventType(trigger.eventType()).resourceId(r.id())
                .resourceType(r.type()).displayName(r.displayName()).compartmentId(r.compartmentId())
                .region(r.region()).mode(mode).verdict(Status.NON_COMPLIANT).kmsKeyIdBefore(r.encryption().keyId())
                .reasons(List.of("it uses Vault key " + keyId + " (or a replica does), which is " + state))
                .build();
    }

    private Judged judged(Trigger trigger, Resource resource, Verdict verdict, Mode mode,
                          Optional<GuardResult.Fix> fix) {
        return new Judged(trigger, keys, resource, verdict, Optional.empty(), mode, fix);
    }

    /** A finding is logged in audit mode and sent (in the sweep's digest) otherwise; never remediated. */
    private static Action action(Mode mode) {
        return mode == Mode.AUDIT ? Action.LOGGED : Action.NOTIFIED;
    }
}
