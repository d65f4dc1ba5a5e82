package io.cmkguard.guard;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.policy.Problem;
import io.cmkguard.resource.KeyAssignment;
import io.cmkguard.policy.Status;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Resource;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a non-compliant resource on the configured key, when that is safe, and decides what came of it
 * only from a re-read, whether the write answered, failed or was lost: the re-read on the target key
 * after a write that may have landed is REMEDIATED; on a compliant key that this write did not put
 * there (someone else was faster) it is COMPLIANT, quietly; anything else is REMEDIATION_FAILED.
 */
final class Remediator {
    private static final int VERIFY_READS = 20;
    private static final long VERIFY_PAUSE_MILLIS = 250;
    private static final long RETRY_PAUSE_MILLIS = 200;

    /**
     * What remediation came to.
     *
     * @param action            REMEDIATED, REMEDIATION_FAILED, or NOTIFIED when it did not act
     * @param after             the key the last read showed
     * @param blocker           why it did not act
     * @param fault             what failed
     * @param note              what the result should add to its reasons (a lost answer, a concurrent fix)
     * @param fixedConcurrently the resource is compliant, but not by this write: the result is COMPLIANT
     */
    record Remediation(Action action, Encryption after, Optional<String> blocker, Optional<GuardResult.Fault> fault,
                       Optional<String> note, boolean fixedConcurrently, Optional<String> workRequestId) {

        static Remediation blocked(Encryption before, String blocker) {
            return new Remediation(Action.NOTIFIED, before, Optional.of(blocker), Optional.empty(), Optional.empty(),
                    false, Optional.empty());
        }

        static Remediation done(Encryption after, Optional<String> note) {
            return new Remediation(Action.REMEDIATED, after, Optional.empty(), Optional.empty(), note, false,
                    Optional.empty());
        }

        static Remediation failed(Encryption after, String code, String message) {
            return new Remediation(Action.REMEDIATION_FAILED, after, Optional.empty(),
                    Optional.of(new GuardResult.Fault(code, message)), Optional.empty(), false, Optional.empty());
        }

        static Remediation elsewhere(Encryption after, String note) {
            return new Remediation(Action.NONE, after, Optional.empty(), Optional.empty(), Optional.of(note), true,
                    Optional.empty());
        }

        /** The same, with one more note and the work request a follow-up started, if any. */
        Remediation followedBy(String more, Optional<String> workRequest) {
            return new Remediation(action, after, blocker, fault, Optional.of(note.map(n -> n + "; ").orElse("") + more),
                    fixedConcurrently, workRequest);
        }
    }

    private final GuardConfig config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final CmkPolicy policy;
    private final Clock clock;

    Remediator(GuardConfig config, OciClients clients, KeyDirectory keys, CmkPolicy policy, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    Remediation remediate(Judged j) {
        Resource resource = j.resource();
        Optional<String> target = config.remediationKeyFor(resource.compartmentId());
        Optional<String> blocker = j.verdict().blocker().or(resource::keyChangeBlocker);
        if (blocker.isEmpty() && !j.type().keyChangeableInPlace()) {
            blocker = Optional.of("OCI cannot change a " + j.type().noun() + "'s key in place");
        }
        if (blocker.isEmpty() && target.isEmpty()) {
            blocker = Optional.of("no remediation key is configured for compartment " + resource.compartmentId());
        }
        Optional<KeyFacts> targetKey = Optional.empty();
        if (blocker.isEmpty()) {
            try {
                targetKey = Optional.of(keys.lookup(target.get()));
                blocker = targetKeyProblem(targetKey.get(), resource);
            } catch (OciCallException e) {
                blocker = Optional.of("the configured remediation key could not be read: " + e.getMessage());
            }
        }
        if (blocker.isEmpty()) {
            blocker = j.trigger().remediations().take();
        }
        if (blocker.isPresent()) {
            return Remediation.blocked(resource.encryption(), blocker.get());
        }
        Remediation done = assignAndVerify(j, targetKey.get());
        if (!done.fixedConcurrently()) { // a write someone else made unnecessary is neither success nor failure
            j.trigger().remediations().settle(done.action() == Action.REMEDIATED);
        }
        return done.action() == Action.REMEDIATED && config.reencryptBuckets() ? followUp(j, done) : done;
    }

    /**
     * What OCI leaves to start after a key change (a bucket's re-encryption), asked for by configuration: its
     * work request is reported, and a failure to start it is said, never hidden; the verified key change stands.
     */
    private Remediation followUp(Judged j, Remediation done) {
        try {
            return j.type().afterKeyChange(clients, j.resource())
                    .map(id -> done.followedBy("re-encryption of the data written before the key change started:"
                            + " work request " + id, Optional.of(id)))
                    .orElse(done);
        } catch (OciCallException e) {
            return done.followedBy("the key change is verified, but the re-encryption of the data written before"
                    + " it could not be started: " + e.getMessage(), Optional.empty());
        }
    }

    /**
     * Writes, then re-reads and decides. A write that failed without landing (throttled, or its etag
     * moved while the key stayed) is sent again with the re-read's etag, up to the configured attempts.
     */
    private Remediation assignAndVerify(Judged j, KeyFacts key) {
        Resource current = j.resource();
        for (int attempt = 1; ; attempt++) {
            Optional<OciCallException> fault = Optional.empty();
            try {
                KeyAssignment.assign(j.type(), clients, current, key); // names a missing key grant
            } catch (OciCallException e) {
                fault = Optional.of(e);
            }
            Optional<Resource> reread;
            try {
                reread = reread(j, current.id());
            } catch (OciCallException e) {
                return unknown(current, key, fault, "the re-read failed (" + e.getMessage() + ")", fault.orElse(e).code());
            }
            if (reread.isEmpty()) {
                return unknown(current, key, fault, "the " + j.type().noun() + " could not be read back (deleted"
                        + " meanwhile, or the function may no longer read it)", fault.map(OciCallException::code)
                        .orElse("NotFound"));
            }
            Resource after = reread.get();
            boolean onTarget = after.encryption().kind() == Encryption.Kind.OCI_VAULT
                    && after.encryption().keyId().equals(key.keyId());
            if (onTarget && fault.map(Remediator::mayHaveLanded).orElse(true)) {
                return Remediation.done(after.encryption(), fault.map(f -> "the answer to the key change was lost ("
                        + f.getMessage() + "), but the re-read shows " + key.keyId() + " assigned"));
            }
            if (onTarget || compliant(j, after)) {
                return Remediation.elsewhere(after.encryption(), "fixed concurrently: while cmk-guard was assigning "
                        + key.keyId() + ", something else put it on " + after.encryption().describe()
                        + ", which is compliant" + fault.map(f -> " (cmk-guard's own change was refused: "
                        + f.code() + ")").orElse(""));
            }
            if (fault.isEmpty()) {
                return Remediation.failed(after.encryption(), "VerificationFailed", "after assigning " + key.keyId()
                        + " the re-read shows " + after.encryption().describe());
            }
            boolean untouched = sameKey(after.encryption(), current.encryption());
            if (untouched && worthAnotherTry(fault.get()) && attempt < config.retryAttempts()) {
                current = after; // its etag is the one to match now
                pause(RETRY_PAUSE_MILLIS * attempt);
                continue;
            }
            return Remediation.failed(after.encryption(), fault.get().code(), fault.get().getMessage()
                    + "; the re-read shows it still on " + after.encryption().describe()
                    + (mayHaveLanded(fault.get()) ? " (a change that timed out may still take effect: the update"
                    + " event it fires is checked again)" : ""));
        }
    }

    /** The write's outcome cannot be known: it was sent, but the resource could not be read back. */
    private static Remediation unknown(Resource before, KeyFacts key, Optional<OciCallException> fault, String why,
                                       String code) {
        return Remediation.failed(before.encryption(), code, fault.map(f -> f.getMessage() + "; then")
                .orElse("OCI accepted the key change, but") + " " + why + ", so whether " + key.keyId()
                + " is assigned is unknown");
    }

    /** Re-reads until the resource has settled (a configure call leaves a database UPDATING for a while). */
    private Optional<Resource> reread(Judged j, String id) {
        Optional<Resource> reread = Optional.empty();
        for (int i = 0; i < VERIFY_READS; i++) {
            reread = j.type().fetch(clients, id);
            if (reread.map(r -> !"UPDATING".equals(r.lifecycleState())).orElse(true)) {
                break;
            }
            if (!pause(VERIFY_PAUSE_MILLIS)) {
                break;
            }
        }
        return reread;
    }

    /** Whether the resource as re-read passes the policy on its own (its key looked up afresh). */
    private boolean compliant(Judged j, Resource after) {
        try {
            Map<String, KeyFacts> facts = new LinkedHashMap<>();
            for (String keyId : CmkPolicy.keysToLookUp(after)) {
                facts.put(keyId, keys.lookup(keyId));
            }
            return policy.evaluate(after, facts, j.source(), false, clock.instant()).status() == Status.COMPLIANT;
        } catch (OciCallException e) {
            return false; // not provably compliant: the write's own fault is reported
        }
    }

    private static boolean sameKey(Encryption a, Encryption b) {
        return a.kind() == b.kind() && a.keyId().equals(b.keyId());
    }

    /** A timeout, a lost connection or a server fault may come after the write took effect. */
    static boolean mayHaveLanded(OciCallException e) {
        return "Timeout".equals(e.code()) || e.status() <= 0 || e.status() >= 500;
    }

    /** Faults after which the same write, with a fresh etag, may go through. */
    private static boolean worthAnotherTry(OciCallException e) {
        return mayHaveLanded(e) || e.status() == 429 || e.status() == 412;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why the configured key must not be assigned to this resource; empty if it may be. */
    private Optional<String> targetKeyProblem(KeyFacts key, Resource resource) {
        if (resource.encryption().keyId().equals(key.keyId())) {
            return Optional.of("the configured remediation key " + key.keyId() + " is the key that fails the policy");
        }
        List<Problem> problems = policy.keyProblems(key.keyId(), resource.region(), Optional.of(key));
        return problems.stream().findFirst().map(p -> "the configured remediation key is not usable here: "
                + p.reason().replaceFirst("^its key", "key"));
    }
}
