package io.cmkguard.resource.type;

import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeySummary;
import com.oracle.bmc.keymanagement.model.KeyVersion;
import com.oracle.bmc.keymanagement.model.KeyVersionSummary;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.model.VaultSummary;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyVersionRequest;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import com.oracle.bmc.keymanagement.requests.ListKeyVersionsRequest;
import com.oracle.bmc.keymanagement.requests.ListKeysRequest;
import com.oracle.bmc.keymanagement.requests.ListVaultsRequest;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyRotation;
import io.cmkguard.model.Encryption;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.util.CliCommand;
import io.cmkguard.resource.Listing;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Vault master encryption key, judged by sweeps on its rotation and health rather than on a key of its own.
 * Listed per compartment: the compartment's vaults (default and virtual private alike), then each vault's
 * keys on its own management endpoint. No Events rule of its own: key events go to the key-health watch.
 * cmk-guard never changes a key: its findings give the commands that rotate it.
 */
public final class VaultKeyType implements ResourceType {
    /** The registry's one instance; the rotation check judges the keys of this type. */
    public static final VaultKeyType TYPE = new VaultKeyType();

    private VaultKeyType() {
    }

    public static final String NAME = "vault-key";
    /** The only vault type whose keys OCI rotates on a schedule. */
    static final String VIRTUAL_PRIVATE = "VIRTUAL_PRIVATE";

    /**
     * A key as a sweep judges it.
     *
     * @param resource           the key in the shape every type reads into (its encryption names itself)
     * @param vaultType          DEFAULT, VIRTUAL_PRIVATE, ... ("" when the vault could not be read)
     * @param managementEndpoint where its kms management commands go
     */
    public record VaultKey(Resource resource, String vaultType, String managementEndpoint, KeyRotation rotation,
                           Optional<Instant> timeOfDeletion) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String noun() {
        return "Vault key";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("key");
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public String collection() {
        return "keys";
    }

    @Override
    public boolean swept() {
        return true;
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return read(clients, id).map(VaultKey::resource);
    }

    /** Reads the key, its vault and its current version; empty when the key does not exist. */
    public Optional<VaultKey> read(OciClients clients, String keyId) {
        String endpoint = KeyDirectory.managementEndpoint(keyId).orElseThrow(() ->
                OciCallException.malformedResponse("GetKey " + keyId, "the key OCID names no vault endpoint"));
        Optional<Key> found = OciCalls.find("GetKey " + keyId, () -> clients.kmsManagement(endpoint)
                .getKey(GetKeyRequest.builder().keyId(keyId).build()).getKey());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Key k = Answers.checked("GetKey " + keyId, keyId, found.get(), Key::getId, Key::getLifecycleState,
                Key::getCompartmentId);
        Optional<Vault> vault = k.getVaultId() == null ? Optional.empty()
                : OciCalls.find("GetVault " + k.getVaultId(), () -> clients.kmsVault(Wire.regionOf(keyId))
                .getVault(GetVaultRequest.builder().vaultId(k.getVaultId()).build()).getVault());
        String managementEndpoint = vault.map(Vault::getManagementEndpoint).filter(e -> !e.isBlank()).orElse(endpoint);
        String vaultType = vault.map(v -> Wire.value(v.getVaultType())).orElse("");
        Resource resource = new Resource(NAME, keyId, k.getDisplayName(), k.getCompartmentId(), Wire.regionOf(keyId),
                Wire.value(k.getLifecycleState()), Encryption.vaultKey(keyId, k.getVaultId()), List.of(),
                Optional.empty(), Wire.tags(k.getFreeformTags()), "");
        OptionalInt interval = k.getAutoKeyRotationDetails() == null
                || k.getAutoKeyRotationDetails().getRotationIntervalInDays() == null ? OptionalInt.empty()
                : OptionalInt.of(k.getAutoKeyRotationDetails().getRotationIntervalInDays());
        KeyRotation rotation = new KeyRotation(keyId, instant(k.getTimeCreated()),
                currentVersionCreated(clients, managementEndpoint, k), Boolean.TRUE.equals(k.getIsAutoRotationEnabled()),
                interval, VIRTUAL_PRIVATE.equals(vaultType));
        return Optional.of(new VaultKey(resource, vaultType, managementEndpoint, rotation, instant(k.getTimeOfDeletion())));
    }

    /** GetKeyVersion of the key's currentKeyVersion; without one, the newest version ListKeyVersions names. */
    private static Optional<Instant> currentVersionCreated(OciClients clients, String endpoint, Key k) {
        String keyId = k.getId();
        if (k.getCurrentKeyVersion() != null && !k.getCurrentKeyVersion().isBlank()) {
            Optional<KeyVersion> current = OciCalls.find("GetKeyVersion " + k.getCurrentKeyVersion(), () -> clients
                    .kmsManagement(endpoint).getKeyVersion(GetKeyVersionRequest.builder().keyId(keyId)
                            .keyVersionId(k.getCurrentKeyVersion()).build()).getKeyVersion());
            if (current.isPresent() && keyId.equals(current.get().getKeyId())) {
                return instant(current.get().getTimeCreated());
            }
        }
        ListKeyVersionsRequest request = ListKeyVersionsRequest.builder().keyId(keyId).build();
        return OciCalls.call("ListKeyVersions " + keyId, () -> {
            Optional<Instant> newest = Optional.empty();
            for (KeyVersionSummary v : clients.kmsManagement(endpoint).getPaginators()
                    .listKeyVersionsRecordIterator(request)) {
                Optional<Instant> created = instant(v.getTimeCreated());
                if (keyId.equals(v.getKeyId()) && !Listing.isGone(Wire.value(v.getLifecycleState()))
                        && created.isPresent() && (newest.isEmpty() || created.get().isAfter(newest.get()))) {
                    newest = created;
                }
            }
            return newest;
        });
    }

    /**
     * The live keys of every vault in the compartment (ListVaults, then ListKeys on each vault's management
     * endpoint, which answers for that vault only). A vault whose keys cannot be listed fails the listing,
     * named with the grant it needs: never a silent skip.
     */
    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        List<VaultSummary> vaults = new ArrayList<>();
        try {
            OciCalls.call("ListVaults " + compartmentId, () -> {
                clients.kmsVault().getPaginators().listVaultsRecordIterator(ListVaultsRequest.builder()
                        .compartmentId(compartmentId).build()).forEach(vaults::add);
                return vaults;
            });
        } catch (OciCallException e) {
            throw withGrant(e, "the vaults of compartment " + compartmentId + " could not be listed",
                    "read vaults", compartmentId);
        }
        List<String> ids = new ArrayList<>();
        for (VaultSummary vault : vaults) {
            if (Listing.isGone(Wire.value(vault.getLifecycleState())) || vault.getManagementEndpoint() == null) {
                continue;
            }
            ListKeysRequest request = ListKeysRequest.builder().compartmentId(compartmentId).build();
            try {
                ids.addAll(OciCalls.call("ListKeys " + vault.getId() + " " + compartmentId, () -> {
                    List<String> live = new ArrayList<>();
                    for (KeySummary k : clients.kmsManagement(vault.getManagementEndpoint()).getPaginators()
                            .listKeysRecordIterator(request)) {
                        // the endpoint answers for its own vault; the check keeps out keys of another vault
                        // should two vaults share an endpoint (as in the emulator)
                        if (vault.getId().equals(k.getVaultId()) && !Listing.isGone(Wire.value(k.getLifecycleState()))) {
                            live.add(k.getId());
                        }
                    }
                    return live;
                }));
            } catch (OciCallException e) {
                throw withGrant(e, "the keys of vault " + vault.getDisplayName() + " (" + vault.getId() + ", "
                        + Wire.value(vault.getVaultType()) + ") could not be listed", "read keys", compartmentId);
            }
        }
        return ids;
    }

    private static OciCallException withGrant(OciCallException e, String what, String grant, String compartmentId) {
        boolean denied = e.status() == 401 || e.status() == 403 || e.status() == 404;
        return e.explained(e.code(), what + ": " + e.getMessage() + (denied ? ". OCI answers this when the"
                + " function may not see them: its dynamic group needs '" + grant + "' in compartment " + compartmentId
                + " (bin/cmk-guard policies prints the statements)" : ""));
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return false;
    }

    /** A key is not put on a key: its findings carry {@link #rotateCommand} and {@link #autoRotationCommand}. */
    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.empty();
    }

    /** Creates a new key version: what the Console's "Rotate key" does. */
    public static String rotateCommand(String keyId, String managementEndpoint) {
        return CliCommand.oci("kms", "management", "key-version", "create").option("--key-id", keyId)
                .option("--endpoint", managementEndpoint).render();
    }

    /** Turns on automatic rotation (virtual private vaults only); --force because the details replace the old ones. */
    public static String autoRotationCommand(String keyId, String managementEndpoint, int intervalDays) {
        return CliCommand.oci("kms", "management", "key", "update").option("--key-id", keyId)
                .option("--is-auto-rotation-enabled", "true")
                .option("--auto-key-rotation-details", "{\"rotationIntervalInDays\": " + intervalDays + "}")
                .flag("--force").option("--endpoint", managementEndpoint).render();
    }

    @Override
    public String consolePath(Resource resource) {
        return "/security/kms/vaults/" + resource.encryption().vaultId() + "/keys/" + resource.id()
                + (resource.region().isBlank() ? "" : "?region=" + resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VAULT_INSPECT", "VAULT_READ", "KEY_INSPECT", "KEY_READ");
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read vaults", "read keys"); // never rotated nor changed by cmk-guard
    }
}
