package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.AutonomousDatabase;
import com.oracle.bmc.database.model.AutonomousDatabaseSummary;
import com.oracle.bmc.database.model.ConfigureAutonomousDatabaseVaultKeyDetails;
import com.oracle.bmc.database.requests.ConfigureAutonomousDatabaseVaultKeyRequest;
import com.oracle.bmc.database.requests.GetAutonomousDatabaseRequest;
import com.oracle.bmc.database.requests.ListAutonomousDatabaseClonesRequest;
import com.oracle.bmc.database.requests.ListAutonomousDatabasesRequest;
import com.oracle.bmc.database.responses.ListAutonomousDatabasesResponse;
import io.cmkguard.event.OciEvent;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.model.Lineage;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Parent;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.CliCommand;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Autonomous Databases, including clones, refreshable clones, restores and Data Guard standbys.
 * Only a primary, non-refreshable database on shared infrastructure is re-keyed in place; the
 * others follow the key of their source, primary or container database.
 */
final class AutonomousDatabaseType {
    /** Autonomous Data Guard on dedicated infrastructure: the event names the container database. */
    static final Set<String> CONTAINER_EVENTS = DatabaseFamily.events(
            "createautonomousdataguardassociation.end",
            "autonomous.container.database.dataguard.createstandby.end");
    static final String REFRESHABLE_CLONE_OF = "refreshable clone of";
    static final String STANDBY_OF = "standby of";
    /** Marks a dedicated database's blocker: its key is its container's, and no command on the database changes it. */
    static final String CONTAINER_KEY = "the key belongs to the autonomous container database ";

    static final String NAME = "autonomous-database";

    static final ResourceType TYPE = Declared.named(NAME, "autonomous database")
            .identity(Identity.ocid("autonomousdatabase"))
            .collection("autonomousDatabases")
            // clones, refreshable clones and cross-region standbys all arrive as instance.create.end; a
            // remote standby's own create event fires in its region, so enable Data Guard checks the primary
            .events(DatabaseFamily.events(
                    "autonomous.database.instance.create.end",
                    "updateautonomousdatabase.end",
                    "autonomous.database.restore.end",
                    "rotateautonomousdatabaseencryptionkey.end",
                    "enableautonomousdataguard.end",
                    // a standby that became primary, or a clone that became a normal database, is now remediable
                    "switchoverautonomousdatabase.end",
                    "failoverautonomousdatabase.end",
                    "disconnectrefreshableautonomousdatabaseclonefromsource.end",
                    "upgradeautonomousdatabasedbversion.end",
                    "changeautonomousdatabasecompartment.end"))
            // a container database event asks for every Autonomous Database in that container (in its compartment)
            .parent(Parent.of(CONTAINER_EVENTS, Identity.ocid("autonomouscontainerdatabase"),
                    AutonomousDatabaseType::inContainer).listedByCompartment())
            .calls(ResourceCalls.of(AutonomousDatabaseType::fetch, AutonomousDatabaseType::list))
            .keyChange(AutonomousDatabaseType::assignKey)
            .fix(AutonomousDatabaseType::fixCommand)
            .prerequisite(Optional.of("the Autonomous Databases' dynamic group (e.g. ALL {resource.type ="
                    + " 'autonomousdatabase', resource.compartment.id = '<database compartment OCID>'}) must be"
                    + " allowed to use the key: Allow dynamic-group <that group> to use keys in compartment"
                    + " <vault-compartment>, and Allow dynamic-group <that group> to use vaults in compartment"
                    + " <vault-compartment> (an AES-256 key; a remote Data Guard standby needs the vault replicated"
                    + " to its region)"))
            .console(adb -> "/db/adbs/" + adb.id() + (adb.region().isBlank() ? "" : "?region=" + adb.region()))
            .permissions("AUTONOMOUS_DATABASE_INSPECT", "AUTONOMOUS_DATABASE_UPDATE")
            .iam(Iam.readOnly("read autonomous-databases").remediatedWith("use autonomous-databases")
                    .keyUsedBy(KeyUser.AUTONOMOUS_DATABASES))
            .build();

    private AutonomousDatabaseType() {
    }

    /** The live Autonomous Databases of the container the event names. */
    private static List<String> inContainer(OciClients clients, OciEvent event) {
        ListAutonomousDatabasesRequest request = ListAutonomousDatabasesRequest.builder()
                .compartmentId(event.compartmentId())
                .autonomousContainerDatabaseId(event.resourceId())
                .build();
        List<AutonomousDatabaseSummary> found = OciCalls.call("ListAutonomousDatabases " + event.resourceId(), () ->
                DatabaseFamily.all(clients.database().getPaginators().listAutonomousDatabasesRecordIterator(request)));
        return found.stream()
                .filter(a -> !DatabaseFamily.isGone(Wire.value(a.getLifecycleState())))
                .map(AutonomousDatabaseSummary::getId)
                .distinct()
                .toList();
    }

    private static Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetAutonomousDatabase " + id, () -> clients.database()
                        .getAutonomousDatabase(GetAutonomousDatabaseRequest.builder().autonomousDatabaseId(id).build()))
                .map(response -> toResource(Answers.checked("GetAutonomousDatabase " + id, id,
                        response.getAutonomousDatabase(), AutonomousDatabase::getId,
                        AutonomousDatabase::getLifecycleState, AutonomousDatabase::getCompartmentId),
                        response.getEtag()))
                .map(resource -> withRefreshableClones(clients, resource));
    }

    /**
     * OCI cannot switch a database that has refreshable clones to a customer-managed key: only asked
     * for a primary that would otherwise be re-keyed (on the Oracle-managed key, nothing else blocking).
     * The clones are looked for in the database's own compartment (the call needs one).
     */
    private static Resource withRefreshableClones(OciClients clients, Resource resource) {
        if (resource.keyChangeBlocker().isPresent() || resource.encryption().isCustomerManaged()) {
            return resource;
        }
        ListAutonomousDatabaseClonesRequest request = ListAutonomousDatabaseClonesRequest.builder()
                .autonomousDatabaseId(resource.id())
                .compartmentId(resource.compartmentId())
                .cloneType(ListAutonomousDatabaseClonesRequest.CloneType.RefreshableClone)
                .build();
        List<String> clones = OciCalls.call("ListAutonomousDatabaseClones " + resource.id(), () ->
                        DatabaseFamily.all(clients.database().getPaginators()
                                .listAutonomousDatabaseClonesRecordIterator(request)))
                .stream()
                .filter(a -> !DatabaseFamily.isGone(Wire.value(a.getLifecycleState())))
                .map(AutonomousDatabaseSummary::getId)
                .toList();
        return clones.isEmpty() ? resource : resource.withKeyChangeBlocker("it has refreshable clones ("
                + String.join(", ", clones) + "), and OCI cannot switch a source with refreshable clones to a"
                + " customer-managed key: disconnect them first (" + disconnect("<clone OCID>")
                + "), then configure its key");
    }

    private static Resource toResource(AutonomousDatabase adb, String etag) {
        Resource resource = new Resource(NAME, adb.getId(), adb.getDisplayName(), adb.getCompartmentId(),
                Wire.regionOf(adb.getId()), Wire.value(adb.getLifecycleState()),
                AutonomousDatabaseEncryption.of(adb), List.of(), lineage(adb),
                Wire.tags(adb.getFreeformTags()), etag);
        return keyChangeBlocker(adb).map(resource::withKeyChangeBlocker).orElse(resource);
    }

    static Optional<Lineage> lineage(AutonomousDatabase adb) {
        if (isBlank(adb.getSourceId())) {
            return Optional.empty();
        }
        String relation = Boolean.TRUE.equals(adb.getIsRefreshableClone()) ? REFRESHABLE_CLONE_OF
                : isStandby(adb) ? STANDBY_OF : "cloned from";
        return Optional.of(new Lineage(relation, adb.getSourceId()));
    }

    /** Why OCI would refuse (or undo) a key change on this database itself; empty for a plain primary. */
    static Optional<String> keyChangeBlocker(AutonomousDatabase adb) {
        if (Boolean.TRUE.equals(adb.getIsRefreshableClone())) {
            return Optional.of("OCI does not support customer-managed keys on a refreshable clone (and a source"
                    + " with refreshable clones cannot be switched to one): disconnect the clone from its source,"
                    + " which makes it a normal database that stops refreshing, then configure its key");
        }
        boolean dedicated = !isBlank(adb.getAutonomousContainerDatabaseId());
        if (isStandby(adb)) {
            return Optional.of("it is a Data Guard " + adb.getRole().getValue() + ", and a standby follows its"
                    + (dedicated ? " primary's key (on dedicated infrastructure " + CONTAINER_KEY
                    + adb.getAutonomousContainerDatabaseId() + ")" : " primary's key: put the primary on a"
                    + " customer-managed key"));
        }
        if (dedicated) {
            return Optional.of("on dedicated infrastructure " + CONTAINER_KEY + adb.getAutonomousContainerDatabaseId()
                    + ", not to its databases: judge and fix the container (a database cannot be re-keyed on its own)");
        }
        return Optional.empty();
    }

    private static boolean isStandby(AutonomousDatabase adb) {
        return adb.getRole() != null && adb.getRole() != AutonomousDatabase.Role.Primary;
    }

    private static List<String> list(OciClients clients, String compartmentId) {
        ListAutonomousDatabasesRequest request = ListAutonomousDatabasesRequest.builder()
                .compartmentId(compartmentId).build();
        return Listing.liveIds("ListAutonomousDatabases " + compartmentId,
                () -> clients.database().getPaginators().listAutonomousDatabasesResponseIterator(request),
                ListAutonomousDatabasesResponse::getItems,
                a -> Wire.value(a.getLifecycleState()), AutonomousDatabaseSummary::getId);
    }

    /** ConfigureAutonomousDatabaseVaultKey needs the key's own vault; the database goes UPDATING, then AVAILABLE. */
    private static void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("ConfigureAutonomousDatabaseVaultKey " + resource.id(), () -> clients.database()
                .configureAutonomousDatabaseVaultKey(ConfigureAutonomousDatabaseVaultKeyRequest.builder()
                        .autonomousDatabaseId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .configureAutonomousDatabaseVaultKeyDetails(ConfigureAutonomousDatabaseVaultKeyDetails.builder()
                                .kmsKeyId(key.keyId())
                                .vaultId(key.vaultId())
                                .build())
                        .build()));
    }

    /**
     * A refreshable clone cannot have a customer-managed key: disconnect it (it stops refreshing, and
     * becomes a normal database), then configure its own key. A standby follows its primary, so the
     * command names the primary. A dedicated database takes its key from its container database, and
     * no command on the database changes it: the reasons name the container.
     */
    static Optional<String> fixCommand(Resource resource, String keyId) {
        Optional<String> relation = resource.lineage().map(Lineage::relation);
        if (resource.keyChangeBlocker().filter(b -> b.contains(CONTAINER_KEY)).isPresent()) {
            return Optional.empty();
        }
        if (relation.equals(Optional.of(REFRESHABLE_CLONE_OF))) {
            return Optional.of(disconnecting(resource.id()).option("--wait-for-state", "AVAILABLE")
                    .then(configureKey(resource.id(), keyId)).render());
        }
        String target = relation.equals(Optional.of(STANDBY_OF))
                ? resource.lineage().map(Lineage::sourceId).orElseThrow() : resource.id();
        return Optional.of(configureKey(target, keyId).render());
    }

    /** Makes a refreshable clone a normal database (it stops refreshing). */
    static String disconnect(String cloneId) {
        return disconnecting(cloneId).render();
    }

    private static CliCommand disconnecting(String cloneId) {
        return CliCommand.oci("db", "autonomous-database", "update").option("--autonomous-database-id", cloneId)
                .option("--is-refreshable-clone", "false");
    }

    private static CliCommand configureKey(String autonomousDatabaseId, String keyId) {
        return CliCommand.oci("db", "autonomous-database", "configure-key")
                .option("--autonomous-database-id", autonomousDatabaseId).option("--kms-key-id", keyId)
                .placeholder("--vault-id", "vault OCID of the key");
    }
}
