package io.cmkguard.guard.keywatch;

import io.cmkguard.guard.KeyUsers;
import io.cmkguard.guard.RecentFindings;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import com.oracle.bmc.identity.model.Compartment;
import com.oracle.bmc.identity.requests.GetCompartmentRequest;
import com.oracle.bmc.keymanagement.model.KeySummary;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import com.oracle.bmc.keymanagement.requests.ListKeysRequest;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.KeyAlert;
import io.cmkguard.notify.KeyAlertMessage;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.CompartmentTree;
import io.cmkguard.resource.KeyCommands;
import io.cmkguard.resource.KeyEvents;
import io.cmkguard.resource.KeyEvents.Change;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.util.CliCommand;
import io.cmkguard.util.Echo;
import io.cmkguard.util.Ocid;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The key-health watch: when a Vault key is disabled, scheduled for deletion (or one of its versions,
 * or its whole vault), or moved, say at once which resources it takes down. It re-reads the key, finds
 * every resource in scope that uses it ({@link KeyUsers}, the sweep's listing), and publishes one alert
 * with the command that undoes the change. It never remediates: what to do about a key is a person's call.
 */
public final class KeyWatch {
    static final String VAULT_KEY = "vault-key";
    static final String VAULT = "vault";
    /** Key and vault states in which the data under the key cannot be read. */
    private static final Set<String> UNUSABLE = Set.of("DISABLED", "DISABLING", "PENDING_DELETION",
            "SCHEDULING_DELETION", "DELETING", "DELETED");

    private final KeyWatchSettings config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final KeyUsers users;
    private final Notifier notifier;
    private final RecentFindings recent;
    private final Clock clock;

    public KeyWatch(KeyWatchSettings config, OciClients clients, KeyDirectory keys, KeyUsers users, Notifier notifier,
                    Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.users = users;
        this.notifier = notifier;
        this.recent = new RecentFindings(config.dedupWindow(), clock);
        this.clock = clock;
    }

    /** Whether this event is the watch's (a Vault key or vault event) rather than a resource check. */
    public static boolean watches(OciEvent event) {
        return KeyEvents.change(event.eventType()).isPresent();
    }

    /** The key (or vault) as read after the event, with what the alert needs. */
    private record Subject(String resourceType, String id, String name, Set<String> keyIds, String state,
                           Optional<Instant> deletionTime, String undo) {
    }

    public GuardResult handle(OciEvent event) {
        Change change = KeyEvents.change(event.eventType()).orElseThrow();
        GuardResult.Builder result = GuardResult.builder().eventId(event.eventId()).eventType(event.eventType())
                .resourceId(event.resourceId()).compartmentId(event.compartmentId()).mode(config.mode())
                .resourceType(change == Change.VAULT_DELETION_SCHEDULED ? VAULT : VAULT_KEY);
        Optional<Subject> read;
        try {
            read = read(change, event);
        } catch (BadSubject e) {
            return result.verdict(Status.ERROR).reasons(List.of(e.getMessage()))
                    .error(Optional.of(new GuardResult.Fault("ResourceIdMismatch", e.getMessage()))).build();
        } catch (OciCallException e) {
            return failed(result, e);
        }
        if (read.isEmpty()) {
            return result.verdict(Status.NOT_FOUND).reasons(List.of("the key or vault " + event.resourceId()
                    + " does not exist, or the function may not read it (it needs 'read keys' and 'read vaults')"))
                    .build();
        }
        Subject s = read.get();
        result.resourceId(s.id()).displayName(s.name()).region(Wire.regionOf(s.id()));
        boolean unusable = UNUSABLE.contains(s.state());
        if (change == Change.ENABLED || change == Change.DELETION_CANCELLED || (!unusable && change != Change.MOVED
                && change != Change.VERSION_DELETION_SCHEDULED)) {
            return result.verdict(Status.COMPLIANT).reasons(List.of(label(s) + " is " + s.state()
                    + (unusable ? "" : ": the data under it can be read, nothing to report"))).build();
        }
        String scope;
        KeyUsers.Found found;
        try {
            scope = config.watch().compartmentId().orElseGet(() -> CompartmentTree.tenancyOf(clients, event.compartmentId()));
            found = users.of(s.keyIds(), scope, clock.instant().plus(config.sweep().deadline()),
                    config.sweep().concurrency());
        } catch (OciCallException e) {
            return failed(result, e);
        }
        Optional<String> unfinished = found.complete() ? Optional.empty() : Optional.of(unfinished(found, scope));
        KeyAlert alert = new KeyAlert(s.name().isBlank() ? s.id() : s.name(), s.id(), happened(change),
                principal(event), consequence(change), s.deletionTime(), clock.instant(),
                found.users().stream().map(KeyWatch::affected).toList(), s.undo(), unfinished, scope);
        List<String> reasons = new ArrayList<>(List.of(KeyAlertMessage.summary(alert)));
        unfinished.ifPresent(reasons::add);
        reasons.add("to undo: " + s.undo());
        reasons.add("cmk-guard never remediates on a key event: what to do about a key is a person's decision");
        Status verdict = !found.users().isEmpty() ? (change == Change.MOVED ? Status.COMPLIANT : Status.NON_COMPLIANT)
                : found.complete() ? Status.COMPLIANT : Status.ERROR;
        result.verdict(verdict).reasons(reasons).kmsKeyIdBefore(s.keyIds().size() == 1 ? s.keyIds().iterator().next() : "")
                .items(found.users().stream().map(r -> item(event, r, change, verdict)).toList())
                .error(unfinished.map(u -> new GuardResult.Fault("Unfinished", u)));
        boolean quietNote = alert.isNote() && !config.watch().noteUnusedKeys();
        if (config.mode() == Mode.AUDIT || quietNote) {
            return result.action(quietNote ? Action.NONE : Action.LOGGED).build();
        }
        return publish(result.action(Action.NOTIFIED).build(), alert);
    }

    /** One alert per key event, even when OCI delivers the event twice. */
    private GuardResult publish(GuardResult result, KeyAlert alert) {
        String fingerprint = result.eventType() + '|' + result.resourceId() + '|' + result.eventId();
        if (recent.seen(fingerprint)) {
            return result.toBuilder().action(Action.NONE).reasons(append(result.reasons(),
                    "this key event was already published: not published again")).build();
        }
        try {
            Optional<String> messageId = notifier.publishKeyAlert(alert);
            recent.remember(fingerprint);
            return messageId.map(result::withMessageId).orElse(result.withAction(Action.LOGGED));
        } catch (OciCallException e) {
            return result.toBuilder().action(Action.LOGGED).error(Optional.of(new GuardResult.Fault(e.code(),
                    "the key alert could not be published: " + e.getMessage()))).build();
        }
    }

    private Optional<Subject> read(Change change, OciEvent event) {
        return change == Change.VAULT_DELETION_SCHEDULED ? readVault(event.resourceId()) : readKey(change, event);
    }

    private Optional<Subject> readKey(Change change, OciEvent event) {
        String named = event.resourceId();
        String kind = Ocid.kindOf(named);
        String keyId = kind.equals("keyversion") ? event.additionalDetails().path("keyId").asText("") : named;
        if (!Ocid.kindOf(keyId).equals("key")) {
            throw new BadSubject("event " + event.eventType() + " should name an ocid1.key (or a key version with"
                    + " additionalDetails.keyId) but names '" + named + "'");
        }
        KeyFacts facts = keys.refresh(keyId);
        if (!facts.found()) {
            return Optional.empty();
        }
        String endpoint = KeyDirectory.managementEndpoint(keyId).orElse("<vault management endpoint>");
        String version = kind.equals("keyversion") ? named : keyVersionOf(event);
        String undo = KeyCommands.undo(change, keyId, version, endpoint);
        Optional<Instant> deletion = change == Change.VERSION_DELETION_SCHEDULED ? Optional.empty()
                : facts.timeOfDeletion().map(Instant::parse);
        return Optional.of(new Subject(VAULT_KEY, keyId, facts.displayName(), Set.of(keyId), facts.lifecycleState(),
                deletion, undo));
    }

    /**
     * The key version an event names in additionalDetails.keyVersionId, when it is a key version OCID;
     * anything else (the event is input, not OCI's word) leaves a placeholder for the reader to fill.
     */
    static String keyVersionOf(OciEvent event) {
        String named = event.additionalDetails().path("keyVersionId").asText("");
        return named.length() <= Ocid.MAX_LENGTH && Ocid.kindOf(named).equals("keyversion") ? named
                : "<key version OCID>";
    }

    /** A vault scheduled for deletion takes every key in it: all of them are looked for. */
    private Optional<Subject> readVault(String vaultId) {
        if (!Ocid.kindOf(vaultId).equals("vault")) {
            throw new BadSubject("a vault deletion event should name an ocid1.vault but names '" + vaultId + "'");
        }
        Optional<Vault> vault = OciCalls.find("GetVault " + vaultId, () -> clients.kmsVault()
                .getVault(GetVaultRequest.builder().vaultId(vaultId).build()).getVault());
        if (vault.isEmpty()) {
            return Optional.empty();
        }
        Vault v = vault.get();
        ListKeysRequest request = ListKeysRequest.builder().compartmentId(v.getCompartmentId()).build();
        Set<String> keyIds = OciCalls.call("ListKeys " + vaultId, () -> {
            Set<String> ids = new java.util.TreeSet<>();
            for (KeySummary k : clients.kmsManagement(v.getManagementEndpoint()).getPaginators()
                    .listKeysRecordIterator(request)) {
                if (vaultId.equals(k.getVaultId())) {
                    ids.add(k.getId());
                }
            }
            return ids;
        });
        return Optional.of(new Subject(VAULT, vaultId, v.getDisplayName(), keyIds, Wire.value(v.getLifecycleState()),
                Optional.ofNullable(v.getTimeOfDeletion()).map(java.util.Date::toInstant),
                KeyCommands.vaultUndo(vaultId)));
    }

    private static String happened(Change change) {
        return switch (change) {
            case DISABLED -> "DISABLED";
            case DELETION_SCHEDULED -> "SCHEDULED FOR DELETION";
            case VERSION_DELETION_SCHEDULED -> "given a key version SCHEDULED FOR DELETION";
            case MOVED -> "MOVED to another compartment";
            case VAULT_DELETION_SCHEDULED -> "SCHEDULED FOR DELETION with its whole vault";
            case ENABLED, DELETION_CANCELLED -> "ENABLED";
        };
    }

    private static String consequence(Change change) {
        return switch (change) {
            case DISABLED -> "cannot be read, attached or opened until it is re-enabled";
            case MOVED -> "will lose it where IAM grants name its old compartment (e.g. 'Allow service blockstorage to use"
                    + " keys in compartment <old>') until the grants follow it";
            case VERSION_DELETION_SCHEDULED -> "will lose whatever that version protects once it is deleted";
            default -> "will become unreadable for good once it is deleted, unless the deletion is cancelled";
        };
    }

    /** Who did it, when the event says (its additionalDetails); OCI events usually do not. */
    private static String principal(OciEvent event) {
        for (String field : List.of("principalName", "userName", "principalId")) {
            String who = event.additionalDetails().path(field).asText("");
            if (!who.isBlank()) {
                return Echo.bounded(who); // the event's word: shown to people, so clean and cut
            }
        }
        return "someone (the event does not say who; the Audit log does)";
    }

    private String unfinished(KeyUsers.Found found, String scope) {
        return "searched " + found.searched() + " of " + found.compartments() + " compartments"
                + (found.gaps().isEmpty() ? " before the deadline (" + GuardConfig.SWEEP_DEADLINE_SECONDS + ")"
                : "; could not read: " + String.join("; ", found.gaps()))
                + ". Finish with: " + CliCommand.of("bin/cmk-guard", "sweep").option("--compartment", scope)
                .option("--mode", "audit")
                + " (every resource on the key is listed NON_COMPLIANT with the key's state)";
    }

    private static KeyAlert.Affected affected(Resource r) {
        return new KeyAlert.Affected(noun(r), r.id(), r.displayName(), r.compartmentId());
    }

    private GuardResult item(OciEvent event, Resource r, Change change, Status verdict) {
        return GuardResult.builder().eventId(event.eventId()).eventType(event.eventType()).resourceId(r.id())
                .resourceType(r.type()).displayName(r.displayName()).compartmentId(r.compartmentId())
                .region(r.region()).mode(config.mode()).verdict(verdict == Status.ERROR ? Status.NON_COMPLIANT : verdict)
                .kmsKeyIdBefore(r.encryption().keyId())
                .reasons(List.of("it uses Vault key " + r.encryption().keyId() + " (or a replica does), which was "
                        + happened(change)))
                .build();
    }

    private static String noun(Resource r) {
        return ResourceTypes.ALL.stream().filter(t -> t.name().equals(r.type())).map(ResourceType::noun)
                .findFirst().orElse(r.type());
    }

    private static String label(Subject s) {
        return (s.resourceType().equals(VAULT) ? "vault " : "Vault key ")
                + (s.name().isBlank() ? s.id() : s.name() + " (" + s.id() + ")");
    }

    private static GuardResult failed(GuardResult.Builder result, OciCallException e) {
        return result.verdict(Status.ERROR).reasons(List.of("could not read the key, its vault or its users: "
                + e.getMessage())).error(Optional.of(new GuardResult.Fault(e.code(), e.getMessage()))).build();
    }

    private static List<String> append(List<String> list, String item) {
        List<String> all = new ArrayList<>(list);
        all.add(item);
        return all;
    }

    /** An event that names something other than a key or vault. */
    private static final class BadSubject extends RuntimeException {
        BadSubject(String message) {
            super(message);
        }
    }
}
