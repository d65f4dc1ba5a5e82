package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.AutonomousContainerDatabase;
import com.oracle.bmc.database.model.AutonomousContainerDatabaseSummary;
import com.oracle.bmc.database.requests.GetAutonomousContainerDatabaseRequest;
import com.oracle.bmc.database.requests.ListAutonomousContainerDatabasesRequest;
import com.oracle.bmc.database.responses.GetAutonomousContainerDatabaseResponse;
import com.oracle.bmc.database.responses.ListAutonomousContainerDatabasesResponse;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.Encryption;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;

import static io.cmkguard.resource.type.DatabaseFamily.details;
import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Autonomous container databases (dedicated infrastructure): every dedicated Autonomous Database
 * takes its key from its container, so the container is what is judged. Its key is an OCI Vault
 * key, an Oracle Key Vault key store, or else Oracle-managed. OCI has no call that moves a container
 * to another key (RotateAutonomousContainerDatabaseEncryptionKey only rotates the one it has): the
 * container is reported, never re-keyed.
 */
final class AutonomousContainerDatabaseType {
    static final String NAME = "autonomous-container-database";

    static final ResourceType TYPE = Declared.named(NAME, "autonomous container database")
            .identity(Identity.ocid("autonomouscontainerdatabase"))
            .collection("autonomousContainerDatabases")
            .events(DatabaseFamily.events("autonomous.container.database.instance.create.end",
                    "autonomous.container.database.instance.update.end",
                    "rotateautonomouscontainerdatabaseencryptionkey.end"))
            .calls(SdkCalls.of(
                    new SdkGet<>("GetAutonomousContainerDatabase", (clients, id) -> clients.database()
                            .getAutonomousContainerDatabase(GetAutonomousContainerDatabaseRequest.builder()
                                    .autonomousContainerDatabaseId(id).build()),
                            GetAutonomousContainerDatabaseResponse::getAutonomousContainerDatabase,
                            GetAutonomousContainerDatabaseResponse::getEtag, AutonomousContainerDatabase::getId,
                            AutonomousContainerDatabase::getLifecycleState, AutonomousContainerDatabase::getCompartmentId),
                    new SdkList<>("ListAutonomousContainerDatabases", (clients, compartment) -> clients.database()
                            .getPaginators().listAutonomousContainerDatabasesResponseIterator(
                                    ListAutonomousContainerDatabasesRequest.builder().compartmentId(compartment).build()),
                            ListAutonomousContainerDatabasesResponse::getItems,
                            AutonomousContainerDatabaseSummary::getLifecycleState,
                            AutonomousContainerDatabaseSummary::getId),
                    AutonomousContainerDatabaseType::toResource))
            // no command changes a container's key in place (no fix command): its blocker says what works
            .console(acd -> "/db/adbd/acds/" + acd.id() + (acd.region().isBlank() ? "" : "?region=" + acd.region()))
            .permissions("AUTONOMOUS_CONTAINER_DATABASE_INSPECT", "AUTONOMOUS_CONTAINER_DATABASE_READ")
            .iam(Iam.readOnly("read autonomous-container-databases")) // judged and reported, never re-keyed
            .build();

    private AutonomousContainerDatabaseType() {
    }

    private static Resource toResource(AutonomousContainerDatabase acd, String etag) {
        String region = Wire.regionOf(acd.getId());
        Resource resource = new Resource(NAME, acd.getId(), acd.getDisplayName(), acd.getCompartmentId(), region,
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
}
