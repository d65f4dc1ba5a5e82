package io.cmkguard.oci;

import com.oracle.bmc.Region;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.util.Ocid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks keys up in OCI Vault and remembers them for a while (a warm function sees the same few
 * keys again and again). A key is served by its vault's management endpoint, which the key OCID
 * names: {@code ocid1.key.oc1.<region>.<prefix>.<id>} lives behind
 * {@code https://<prefix>-management.kms.<region>.<domain>}.
 */
public final class KeyDirectory {
    private final OciClients clients;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(KeyFacts facts, Instant expires) {
    }

    public KeyDirectory(OciClients clients, Duration ttl, Clock clock) {
        this.clients = clients;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The key's facts; faults (after retries) are thrown as {@link OciCallException}, never cached. */
    public KeyFacts lookup(String keyId) {
        Instant now = clock.instant();
        Cached hit = cache.get(keyId);
        if (hit != null && now.isBefore(hit.expires())) {
            return hit.facts();
        }
        KeyFacts facts = read(keyId);
        if (!ttl.isZero()) {
            cache.put(keyId, new Cached(facts, now.plus(ttl)));
        }
        return facts;
    }

    /** Reads the key now, whatever is cached, and caches the answer: a key event just changed it. */
    public KeyFacts refresh(String keyId) {
        KeyFacts facts = read(keyId);
        if (!ttl.isZero()) {
            cache.put(keyId, new Cached(facts, clock.instant().plus(ttl)));
        }
        return facts;
    }

    private KeyFacts read(String keyId) {
        Optional<String> endpoint = managementEndpoint(keyId);
        if (endpoint.isEmpty()) {
            return KeyFacts.notFound(keyId);
        }
        Optional<Key> key = OciCalls.find("GetKey " + keyId, () -> clients.kmsManagement(endpoint.get())
                .getKey(GetKeyRequest.builder().keyId(keyId).build()).getKey());
        if (key.isEmpty()) {
            return KeyFacts.notFound(keyId);
        }
        Key k = checked(keyId, key.get());
        Optional<String> vaultState = k.getVaultId() == null ? Optional.empty()
                : OciCalls.find("GetVault " + k.getVaultId(), () -> clients.kmsVault(Wire.regionOf(keyId))
                        .getVault(GetVaultRequest.builder().vaultId(k.getVaultId()).build()).getVault())
                .map(Vault::getLifecycleState).map(Vault.LifecycleState::getValue);
        return new KeyFacts(keyId, true, nullToEmpty(k.getDisplayName()), Wire.value(k.getLifecycleState()),
                Wire.value(k.getProtectionMode()), nullToEmpty(k.getVaultId()), vaultState,
                Optional.ofNullable(k.getTimeOfDeletion()).map(d -> d.toInstant().toString()));
    }

    /**
     * A 200 answer must be the key asked for, in a state OCI Vault has: a blank or unknown state is a
     * fault, never "the key is in state ''".
     */
    private static Key checked(String keyId, Key k) {
        String operation = "GetKey " + keyId;
        if (k.getId() == null || !k.getId().equals(keyId)) {
            throw OciCallException.malformedResponse(operation, k.getId() == null ? "it has no id"
                    : "it is another key");
        }
        String state = Wire.value(k.getLifecycleState());
        if (state == null || state.isBlank()) {
            throw OciCallException.malformedResponse(operation, k.getLifecycleState() == null
                    ? "it has no lifecycleState" : "its lifecycleState is not one OCI Vault has");
        }
        return k;
    }

    /** The vault management endpoint derived from the key OCID; empty if the OCID is not a key's. */
    public static Optional<String> managementEndpoint(String keyId) {
        Optional<Ocid> ocid = Ocid.parse(keyId).filter(o -> o.kind().equals("key"));
        if (ocid.isEmpty() || ocid.get().region().isBlank() || !ocid.get().unique().contains(".")) {
            return Optional.empty();
        }
        String prefix = ocid.get().unique().substring(0, ocid.get().unique().indexOf('.'));
        String regionId = ocid.get().regionId().orElseThrow();
        String domain;
        try {
            domain = Region.fromRegionId(regionId).getRealm().getSecondLevelDomain();
        } catch (IllegalArgumentException e) {
            domain = "oraclecloud.com";
        }
        return Optional.of("https://" + prefix + "-management.kms." + regionId + "." + domain);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
