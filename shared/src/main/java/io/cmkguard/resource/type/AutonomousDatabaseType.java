package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.AutonomousDatabase;
import com.oracle.bmc.database.model.AutonomousDatabaseSummary;
import com.oracle.bmc.database.model.ConfigureAutonomousDatabaseVaultKeyDetails;
import com.oracle.bmc.database.requests.ConfigureAutonomousDatabaseVaultKeyRequest;
import com.oracle.bmc.database.requests.GetAutonomousDatabaseRequest;
import com.oracle.bmc.database.requests.ListAutonomousDatabasesRequest;
import io.cmkguard.event.OciEvent;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Autonomous Databases, including clones, refreshable clones, restores and Data Guard standbys.
 * Only a primary, non-refreshable database on shared infrastructure is re-keyed in place; the
 * others follow the key of their source, primary or container database.
 */
public final class AutonomousDatabaseType implements ResourceType {
    /** Autonomous Data Guard on dedicated infrastructure: the event names the container database. */
    static final Set<String> CONTAINER_EVENTS = DatabaseFamily.events(
            "createautonomousdataguardassociation.end",
            "autonomous.container.database.dataguard.createstandby.end");
    static final String REFRESHABLE_CLONE_OF = "refreshable clone of";
    static final String STANDBY_OF = "standby of";

    @Override
    public String name() {
        return "autonomous-database";
    }

    @Override
    public String noun() {
        return "autonomous database";
    }

    @Override
    public String ocidKind() {
        return "autonomousdatabase";
    }

    @Override
    public Set<String> eventTypes() {
        // clones, refreshable clones and cross-region standbys all arrive as instance.create.end; a
        // remote standby's own create event fires in its region, so enable Data Guard checks the primary
        HashSet<String> all = new HashSet<>(DatabaseFamily.events(
                "autonomous.database.instance.create.end",
                "updateautonomousdatabase.end",
                "autonomous.database.restore.end",
                "rotateautonomousdatabaseencryptionkey.end",
                "enableautonomousdataguard.end"));
        all.addAll(CONTAINER_EVENTS);
        return Set.copyOf(all);
    }

    @Override
    public String subjectKind(String eventType) {
        return CONTAINER_EVENTS.contains(eventType) ? "autonomouscontainerdatabase" : ocidKind();
    }

    /** A container database event asks for every Autonomous Database in that container (in its compartment). */
    @Override
    public List<String> resourceIds(OciEvent event, OciClients clients) {
        if (!CONTAINER_EVENTS.contains(event.eventType())) {
            return List.of(event.resourceId());
        }
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

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetAutonomousDatabase " + id, () -> clients.database()
                        .getAutonomousDatabase(GetAutonomousDatabaseRequest.builder().autonomousDatabaseId(id).build()))
                .map(response -> toResource(response.getAutonomousDatabase(), response.getEtag()));
    }

    private Resource toResource(AutonomousDatabase adb, String etag) {
        Resource resource = new Resource(name(), adb.getId(), adb.getDisplayName(), adb.getCompartmentId(),
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
            return Optional.of("a refreshable clone follows its source database's key: put the source on a"
                    + " customer-managed key (or disconnect the clone first)");
        }
        if (isStandby(adb)) {
            return Optional.of("it is a Data Guard " + adb.getRole().getValue() + ", and a standby follows its"
                    + " primary's key: put the primary on a customer-managed key");
        }
        if (!isBlank(adb.getAutonomousContainerDatabaseId())) {
            return Optional.of("on dedicated infrastructure the key belongs to the autonomous container database "
                    + adb.getAutonomousContainerDatabaseId() + ", not to its databases");
        }
        return Optional.empty();
    }

    private static boolean isStandby(AutonomousDatabase adb) {
        return adb.getRole() != null && adb.getRole() != AutonomousDatabase.Role.Primary;
    }

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListAutonomousDatabasesRequest request = ListAutonomousDatabasesRequest.builder()
                .compartmentId(compartmentId).build();
        return Listing.liveIds("ListAutonomousDatabases " + compartmentId,
                () -> clients.database().getPaginators().listAutonomousDatabasesRecordIterator(request),
                a -> Wire.value(a.getLifecycleState()), AutonomousDatabaseSummary::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    /** ConfigureAutonomousDatabaseVaultKey needs the key's own vault; the database goes UPDATING, then AVAILABLE. */
    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
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

    /** For a refreshable clone or standby, which follow their source, the command puts the source on the key. */
    @Override
    public String fixCommand(Resource resource, String keyId) {
        String target = resource.lineage()
                .filter(l -> l.relation().equals(REFRESHABLE_CLONE_OF) || l.relation().equals(STANDBY_OF))
                .map(Lineage::sourceId)
                .orElse(resource.id());
        return "oci db autonomous-database configure-key --autonomous-database-id " + target
                + " --kms-key-id " + keyId + " --vault-id <the key's vault OCID>";
    }

    @Override
    public Optional<String> prerequisite() {
        return Optional.of("the Autonomous Databases' dynamic group (e.g. ALL {resource.type ="
                + " 'autonomousdatabase', resource.compartment.id = '<database compartment OCID>'}) must be"
                + " allowed to use the key: Allow dynamic-group <that group> to use keys in compartment"
                + " <vault-compartment>, and Allow dynamic-group <that group> to use vaults in compartment"
                + " <vault-compartment> (an AES-256 key; a remote Data Guard standby needs the vault replicated"
                + " to its region)");
    }

    @Override
    public String consolePath(Resource resource) {
        return "/db/adbs/" + resource.id() + (resource.region().isBlank() ? "" : "?region=" + resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("AUTONOMOUS_DATABASE_INSPECT", "AUTONOMOUS_DATABASE_UPDATE");
    }
}
