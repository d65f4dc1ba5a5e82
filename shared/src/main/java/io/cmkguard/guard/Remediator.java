package io.cmkguard.guard;

import io.cmkguard.config.GuardConfig;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.policy.Problem;
import io.cmkguard.resource.KeyAssignment;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Resource;

import java.util.List;
import java.util.Optional;

/**
 * Puts a non-compliant resource on the configured key, when that is safe, and verifies it by
 * re-reading: only a re-read that shows the new key counts as REMEDIATED.
 */
final class Remediator {
    private static final int VERIFY_READS = 20;
    private static final long VERIFY_PAUSE_MILLIS = 250;

    /** What remediation came to: the action, the key after, why it did not act, what failed. */
    record Remediation(Action action, Encryption after, Optional<String> blocker, Optional<GuardResult.Fault> fault) {
    }

    private final GuardConfig config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final CmkPolicy policy;

    Remediator(GuardConfig config, OciClients clients, KeyDirectory keys, CmkPolicy policy) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.policy = policy;
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
            return new Remediation(Action.NOTIFIED, resource.encryption(), blocker, Optional.empty());
        }
        Remediation done = assignAndVerify(j, targetKey.get());
        j.trigger().remediations().settle(done.action() == Action.REMEDIATED);
        return done;
    }

    private Remediation assignAndVerify(Judged j, KeyFacts key) {
        Resource resource = j.resource();
        try {
            KeyAssignment.assign(j.type(), clients, resource, key); // names a missing key grant
        } catch (OciCallException e) {
            return failed(resource.encryption(), e.code(), e.getMessage());
        }
        Optional<Resource> reread = Optional.empty();
        try {
            for (int i = 0; i < VERIFY_READS; i++) {
                reread = j.type().fetch(clients, resource.id());
                boolean settled = reread.map(r -> !"UPDATING".equals(r.lifecycleState())).orElse(true);
                if (settled) {
                    break;
                }
                Thread.sleep(VERIFY_PAUSE_MILLIS);
            }
        } catch (OciCallException e) {
            return failed(resource.encryption(), e.code(), "the key was assigned but the re-read failed: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Encryption after = reread.map(Resource::encryption).orElse(Encryption.oracleManaged());
        if (after.kind() == Encryption.Kind.OCI_VAULT && after.keyId().equals(key.keyId())) {
            return new Remediation(Action.REMEDIATED, after, Optional.empty(), Optional.empty());
        }
        return failed(after, "VerificationFailed", "after assigning " + key.keyId() + " the re-read shows "
                + after.describe());
    }

    private static Remediation failed(Encryption after, String code, String message) {
        return new Remediation(Action.REMEDIATION_FAILED, after, Optional.empty(),
                Optional.of(new GuardResult.Fault(code, message)));
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
