package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.AutonomousContainerDatabase;
import com.oracle.bmc.database.model.AutonomousContainerDatabaseSummary;
import com.oracle.bmc.database.requests.GetAutonomousContainerDatabaseRequest;
import com.oracle.bmc.database.requests.ListAutonomousContainerDatabasesRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.Encryption;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Listing;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.cmkguard.resource.type.DatabaseFamily.details;
import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Autonomous container databases (dedicated infrastructure): every dedicated Autonomous Database
 * takes its key from its container, so the container is what is judged. Its key is an OCI Vault
 * key, an Oracle Key Vault key store, or else Oracle-managed. OCI has no call that moves a container
 * to another key (RotateAutonomousContainerDatabaseEncryptionKey only rotates the one it has): the
 * container is reported, never re-keyed.
 */
public final class AutonomousContainerDatabaseType implements ResourceType {

    @Override
    public String name() {
        return "autonomous-container-database";
    }

    @Override
    public String noun() {
        return "autonomous container database";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("autonomouscontainerdatabase");
    }

    @Override
    public String collection() {
        return "autonomousContainerDatabases";
    }

    @Override
    public Set<String> eventTypes() {
        return DatabaseFamily.events("autonomous.container.database.instance.create.end",
                "autonomous.container.database.instance.update.end",
                "rotateautonomouscontainerdatabaseencryptionkey.end");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetAutonomousContainerDatabase " + id, () -> clients.database()
                        .getAutonomousContainerDatabase(GetAutonomousContainerDatabaseRequest.builder()
                                .autonomousContainerDatabaseId(id).build()))
                .map(response -> toResource(Answers.checked("GetAutonomousContainerDatabase " + id, id,
                        response.getAutonomousContainerDatabase(), AutonomousContainerDatabase::getId,
                        AutonomousContainerDatabase::getLifecycleState, AutonomousContainerDatabase::getCompartmentId),
                        response.getEtag()));
    }

    private Resource toResource(AutonomousContainerDatabase acd, String etag) {
        String region = Wire.regionOf(acd.getId());
        Resource resource = new Resource(name(), acd.getId(), acd.getDisplayName(), acd.getCompartmentId(), region,
                Wire.value(acd.getLifecycleState()), encryptionOf(acd), List.of(), Optional.empty(),
                Wire.tags(acd.getFreeformTags()), etag);
        return resource.withKeyChangeBlocker(acd.getRole() != null && acd.getRole() != AutonomousContainerDatabase.Role.Primary
                ? "it is a Data Guard " + acd.getRole().getValue() + " container, which follows its primary"
                + " container's key: fix the primary"
                : "OCI cannot move an autonomous container database to another key in place: create a container on"
                + " a customer-managed key (its --kms-key-id and --vault-id) and move the databases to it");
    }

    static Encryption encryptionOf(AutonomousContainerDatabase acd) {
        if (!isBlank(acd.getKmsKeyId())) {
            return Encryption.ofKmsKeyId(acd.getKmsKeyId(), acd.getVaultId());
        }
        if (!isBlank(acd.getKeyStoreId())) {
            return Encryption.external("OKV", details("keyStoreId", acd.getKeyStoreId(),
                    "keyStoreWalletName", acd.getKeyStoreWalletName()));
        }
        return Encryption.oracleManaged();
    }

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListAutonomousContainerDatabasesRequest request = ListAutonomousContainerDatabasesRequest.builder()
                .compartmentId(compartmentId).build();
        return Listing.liveIds("ListAutonomousContainerDatabases " + compartmentId,
                () -> clients.database().getPaginators().listAutonomousContainerDatabasesRecordIterator(request),
                a -> Wire.value(a.getLifecycleState()), AutonomousContainerDatabaseSummary::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return false;
    }

    /** No command changes a container's key in place; the blocker says what works. */
    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.empty();
    }

    @Override
    public String consolePath(Resource resource) {
        return "/db/adbd/acds/" + resource.id() + (resource.region().isBlank() ? "" : "?region=" + resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("AUTONOMOUS_CONTAINER_DATABASE_INSPECT", "AUTONOMOUS_CONTAINER_DATABASE_READ");
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read autonomous-container-databases"); // judged and reported, never re-keyed
    }
}
