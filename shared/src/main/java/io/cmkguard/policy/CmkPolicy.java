package io.cmkguard.policy;

import io.cmkguard.model.KeyFacts;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Replica;
import io.cmkguard.model.Resource;
import io.cmkguard.util.Ocid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules, as a pure function of what was read: is this resource on a customer-managed key
 * that exists, is ENABLED, is in its region and meets the stricter rules configured? And may
 * its key be changed in place?
 */
public final class CmkPolicy {
    private static final String UNVERIFIED_KEY =
            "cmk-guard never re-keys away from a key it cannot verify: check the key and fix it by hand";

    private final PolicySettings config;

    public CmkPolicy(PolicySettings config) {
        this.config = config;
    }

    /**
     * @param keys         facts for the keys the resource uses (see {@link #keysToLookUp})
     * @param source       the resource it was cloned, restored, activated or copied from, if known
     *                     and readable
     * @param keyRemoval   the triggering event says someone removed the resource's key
     */
    public Verdict evaluate(Resource resource, Map<String, KeyFacts> keys, Optional<Resource> source,
                            boolean keyRemoval, Instant now) {
        Optional<Verdict> exempt = exemption(resource, now);
        if (exempt.isPresent()) {
            return exempt.get();
        }
        List<String> notes = new ArrayList<>();
        Exemption.check(resource.freeformTags(), config.exemptTag(), now, notes);
        List<Problem> problems = new ArrayList<>(encryptionProblems(resource, keys));
        boolean ownKeyFails = !problems.isEmpty();
        for (Replica replica : resource.replicas()) {
            problems.addAll(replicaProblems(replica, keys));
        }
        if (keyRemoval) {
            problems.add(0, Problem.blocked("someone removed (or is removing) its customer-managed key",
                    "a person just changed this key: cmk-guard reports rather than racing that change"));
        }
        boolean downgrade = false;
        if (!problems.isEmpty() && resource.lineage().isPresent()) {
            Lineage lineage = resource.lineage().get();
            downgrade = source.map(s -> s.encryption().isCustomerManaged()).orElse(false)
                    && !resource.encryption().isCustomerManaged();
            problems.add(0, Problem.fixable(lineageSentence(resource, lineage, source, downgrade)));
        }
        if (problems.isEmpty()) {
            return Verdict.compliant(compliantReason(resource, keys));
        }
        List<String> reasons = new ArrayList<>(problems.stream().map(Problem::reason).toList());
        reasons.addAll(notes);
        Optional<String> blocker = problems.stream().flatMap(p -> p.blocker().stream()).findFirst();
        if (blocker.isEmpty() && !resource.isAvailable()) {
            blocker = Optional.of("it is " + resource.lifecycleState()
                    + ", and OCI accepts a key change only when it is AVAILABLE");
        }
        return new Verdict(Status.NON_COMPLIANT, reasons, downgrade, blocker, ownKeyFails);
    }

    /** The EXEMPT verdict if the resource's exemption tag applies now; decided before any key is read. */
    public Optional<Verdict> exemption(Resource resource, Instant now) {
        return Exemption.check(resource.freeformTags(), config.exemptTag(), now, new ArrayList<>())
                .map(Verdict::exempt);
    }

    /**
     * The key ids whose facts evaluation needs: the resource's own key and its replicas' keys, each only when
     * it is in the region of what it encrypts (a replica's key in the replica's region, read there).
     */
    public static List<String> keysToLookUp(Resource resource) {
        List<String> keys = new ArrayList<>();
        Encryption e = resource.encryption();
        if (e.kind() == Encryption.Kind.OCI_VAULT && sameRegion(e.keyId(), resource.region())) {
            keys.add(e.keyId());
        }
        for (Replica replica : resource.replicas()) {
            Encryption r = replica.encryption();
            if (r.kind() == Encryption.Kind.OCI_VAULT && sameRegion(r.keyId(), regionOf(replica))
                    && !keys.contains(r.keyId())) {
                keys.add(r.keyId());
            }
        }
        return keys;
    }

    /**
     * A replica is judged like its volume, with every key rule, in its own region. OCI cannot re-key a replica
     * in place, so each problem carries the command that re-creates it on another key.
     */
    private List<Problem> replicaProblems(Replica replica, Map<String, KeyFacts> keys) {
        String blocker = "OCI cannot change a replica's key in place: name a key of the replica's region"
                + " (xrrKmsKeyId) on the source, which re-creates the replica. The replica list"
                + " option replaces the whole list, so this command lists every existing replica"
                + " with its own settings (one left out would be deleted): " + replica.fixCommand();
        String where = "its replica " + label(replica) + " in " + replica.availabilityDomain();
        Encryption e = replica.encryption();
        return switch (e.kind()) {
            case ORACLE_MANAGED -> List.of(Problem.blocked(where + " is encrypted with the Oracle-managed key",
                    blocker));
            case OCI_VAULT -> keyProblems(e.keyId(), regionOf(replica), Optional.ofNullable(keys.get(e.keyId())))
                    .stream().map(p -> Problem.blocked(where + ": " + p.reason().replaceFirst("^its key", "the"
                            + " replica's key").replace("but the resource is in", "but the replica is in"),
                            p.blocker().filter(b -> !b.equals(UNVERIFIED_KEY)).map(b -> b + "; or: " + blocker)
                                    .orElse(blocker)))
                    .toList();
            case EXTERNAL -> externalKeyProblems(e).stream().map(p -> Problem.blocked(where + ": " + p.reason(),
                    blocker)).toList();
        };
    }

    /** The replica's region, as its OCID names it ("" when it names none: no region rule then). */
    private static String regionOf(Replica replica) {
        return Ocid.parse(replica.id()).flatMap(Ocid::regionId).orElse("");
    }

    /** Why this key would not make a resource in {@code region} compliant; empty if it would. */
    public List<Problem> keyProblems(String keyId, String region, Optional<KeyFacts> lookedUp) {
        Optional<Ocid> ocid = Ocid.parse(keyId).filter(o -> o.kind().equals("key"));
        if (ocid.isEmpty()) {
            return List.of(Problem.blocked("its kmsKeyId '" + keyId + "' is not a Vault key OCID", UNVERIFIED_KEY));
        }
        String keyRegion = ocid.get().regionId().orElse("");
        if (!sameRegion(keyId, region)) {
            return List.of(Problem.blocked("its key " + keyId + " is in region " + keyRegion + " but the resource is in "
                    + region + ": a customer-managed key must be in the resource's own region", UNVERIFIED_KEY));
        }
        KeyFacts facts = lookedUp.orElse(KeyFacts.notFound(keyId));
        if (!facts.found()) {
            return List.of(Problem.blocked("its key " + keyId + " was not found, or the function may not read it"
                    + " (OCI answers both with NotAuthorizedOrNotFound; the function needs 'read keys')",
                    UNVERIFIED_KEY));
        }
        List<Problem> problems = new ArrayList<>();
        switch (facts.lifecycleState()) {
            case "ENABLED" -> { }
            case "DISABLED", "DISABLING" -> problems.add(Problem.blocked("its key " + keyId + " is "
                            + facts.lifecycleState() + ": a customer-managed key counts only when ENABLED",
                    "a disabled key may be a deliberate lock-out, and re-keying needs the old key:"
                            + " re-enable it or re-key by hand"));
            case "PENDING_DELETION", "SCHEDULING_DELETION" -> problems.add(Problem.blocked("its key " + keyId
                            + " is " + facts.lifecycleState()
                            + facts.timeOfDeletion().map(t -> " (to be deleted at " + t + ")").orElse("")
                            + ": the data becomes unreadable once the key is deleted",
                    "a key scheduled for deletion may be a deliberate crypto-shred: cancel the deletion"
                            + " (oci kms management key cancel-deletion) or re-key by hand"));
            default -> problems.add(Problem.blocked("its key " + keyId + " is " + facts.lifecycleState()
                    + ": a customer-managed key counts only when ENABLED", UNVERIFIED_KEY));
        }
        facts.vaultState().filter(s -> !s.equals("ACTIVE")).ifPresent(s -> problems.add(Problem.blocked(
                "the key's vault " + facts.vaultId() + " is " + s, UNVERIFIED_KEY)));
        if (!config.allowedKeyIds().isEmpty() && !config.allowedKeyIds().contains(keyId)) {
            problems.add(Problem.fixable("its key " + keyId + " is not one of the allowed keys ("
                    + PolicySettings.ALLOWED_KEY_IDS + ")"));
        }
        if (!config.allowedVaultIds().isEmpty() && !config.allowedVaultIds().contains(facts.vaultId())) {
            problems.add(Problem.fixable("its key " + keyId + " is in vault " + facts.vaultId()
                    + ", which is not one of the allowed vaults (" + PolicySettings.ALLOWED_VAULT_IDS + ")"));
        }
        if (config.requireHsm() && !"HSM".equals(facts.protectionMode())) {
            problems.add(Problem.fixable("its key " + keyId + " is protected by " + facts.protectionMode()
                    + ", but HSM protection is required (" + PolicySettings.REQUIRE_HSM + ")"));
        }
        return problems;
    }

    private List<Problem> encryptionProblems(Resource resource, Map<String, KeyFacts> keys) {
        Encryption e = resource.encryption();
        return switch (e.kind()) {
            case ORACLE_MANAGED -> List.of(Problem.fixable(
                    "it is encrypted with " + e.describe() + ": no customer-managed key is assigned"));
            case OCI_VAULT -> keyProblems(e.keyId(), resource.region(), Optional.ofNullable(keys.get(e.keyId())));
            case EXTERNAL -> externalKeyProblems(e);
        };
    }

    /** Keys outside OCI Vault (Oracle Database@AWS and friends, Oracle Key Vault) are customer-managed. */
    private List<Problem> externalKeyProblems(Encryption e) {
        String noMove = "cmk-guard never moves a database between key providers: change it by hand if intended";
        if (!config.externalKeyProviders().contains(e.provider())) {
            return List.of(Problem.blocked("it is encrypted with an " + e.provider() + " key, and "
                    + PolicySettings.EXTERNAL_KEY_PROVIDERS + " does not accept " + e.provider() + " keys", noMove));
        }
        String arn = e.details().getOrDefault("keyArn", "");
        if (!"AWS".equals(e.provider()) || arn.isBlank()) {
            return List.of();
        }
        Optional<AwsKeyArn> parsed = AwsKeyArn.parse(arn);
        if (parsed.isEmpty()) {
            return List.of(Problem.blocked("its AWS KMS key ARN '" + arn + "' is not well formed"
                    + " (expected arn:aws:kms:<region>:<account>:key/<id>)", noMove));
        }
        String endpoint = e.details().getOrDefault("serviceEndpointUri", "");
        Optional<String> endpointRegion = AwsKeyArn.regionOfEndpoint(endpoint);
        if (endpointRegion.isPresent() && !endpointRegion.get().equals(parsed.get().region())) {
            return List.of(Problem.blocked("its AWS KMS key " + arn + " is in " + parsed.get().region()
                    + " but its service endpoint " + endpoint + " is in " + endpointRegion.get(), noMove));
        }
        return List.of();
    }

    private static String lineageSentence(Resource resource, Lineage lineage, Optional<Resource> source,
                                          boolean downgrade) {
        String what = resource.type().replace('-', ' ');
        if (source.isEmpty()) {
            return "it was " + lineage.relation() + " " + lineage.sourceId()
                    + ", which could not be read (deleted, or the function may not read it)";
        }
        Resource s = source.get();
        String from = "it was " + lineage.relation() + " " + s.type().replace('-', ' ') + " " + s.label()
                + " (" + s.id() + "), which is on " + s.encryption().describe();
        return downgrade
                ? "CMK downgrade: " + from + ", but this " + what + " fell back to the Oracle-managed key"
                : from;
    }

    private static String compliantReason(Resource resource, Map<String, KeyFacts> keys) {
        Encryption e = resource.encryption();
        KeyFacts facts = keys.get(e.keyId());
        if (facts == null) {
            return "encrypted with " + e.describe();
        }
        return "encrypted with Vault key " + e.keyId() + " (" + facts.protectionMode() + ", "
                + facts.lifecycleState() + ") in vault " + facts.vaultId();
    }

    private static String label(Replica replica) {
        return replica.displayName() == null || replica.displayName().isBlank()
                ? replica.id() : replica.displayName() + " (" + replica.id() + ")";
    }

    static boolean sameRegion(String keyId, String region) {
        String keyRegion = Ocid.parse(keyId).flatMap(Ocid::regionId).orElse("");
        return region.isBlank() || keyRegion.equals(region);
    }
}
