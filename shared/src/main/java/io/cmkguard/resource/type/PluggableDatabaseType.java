package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.PluggableDatabase;
import com.oracle.bmc.database.requests.GetPluggableDatabaseRequest;
import com.oracle.bmc.database.model.PluggableDatabaseSummary;
import com.oracle.bmc.database.requests.ListPluggableDatabasesRequest;
import com.oracle.bmc.database.responses.ListPluggableDatabasesResponse;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.SharedReads;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Pluggable databases. A PDB's TDE keys are managed by its container database (CDB), so it is judged
 * by its own key fields and, where it has none, by its CDB's; the fix is always on the CDB, and
 * cmk-guard never makes it (see {@link DatabaseType}).
 */
final class PluggableDatabaseType {
    /** Names the CDB in results and findings, e.g. "plugged into container database X (...)". */
    static final String PLUGGED_INTO = "plugged into container";

    static final String NAME = "pluggable-database";

    static final ResourceType TYPE = Declared.named(NAME, "pluggable database")
            .identity(Identity.ocid("pluggabledatabase"))
            .collection("pluggableDatabases")
            .events(DatabaseFamily.events("createpluggabledatabase.end", "pluggabledatabase.localclone.end",
                    "pluggabledatabase.remoteclone.end", "pluggabledatabase.relocate.end",
                    "pluggabledatabase.refresh.end", "rotatepluggabledatabasekey.end",
                    "pluggabledatabase.converttoregular.end", "pluggabledatabase.inplacerestore.end"))
            .calls(ResourceCalls.sharing(PluggableDatabaseType::fetch, PluggableDatabaseType::list))
            // the key is changed on the container database
            .fix(PluggableDatabaseType::fixCommand)
            .prerequisite(DatabaseFamily.DATABASE_KEY_GRANT)
            .console(pdb -> pdb.consolePath()
                    .orElse(DatabaseFamily.fallbackConsolePath(pdb.compartmentId(), pdb.region())))
            .permissions("PLUGGABLE_DATABASE_INSPECT", "DATABASE_INSPECT")
            // judged and fixed through its container database
            .iam(Iam.readOnly("read pluggable-databases", "read databases").keyUsedBy(KeyUser.DATABASES))
            .build();

    private PluggableDatabaseType() {
    }

    /** The PDB, and its container as the trigger's checks share it (read once per sweep, not once per PDB). */
    private static Optional<Resource> fetch(OciClients clients, String id, SharedReads shared) {
        Optional<PluggableDatabase> pdb = OciCalls.find("GetPluggableDatabase " + id, () -> clients.database()
                .getPluggableDatabase(GetPluggableDatabaseRequest.builder().pluggableDatabaseId(id).build())
                .getPluggableDatabase());
        if (pdb.isEmpty()) {
            return Optional.empty();
        }
        Answers.checked("GetPluggableDatabase " + id, id, pdb.get(), PluggableDatabase::getId,
                PluggableDatabase::getLifecycleState, PluggableDatabase::getCompartmentId);
        String cdbId = pdb.get().getContainerDatabaseId();
        Optional<Resource> cdb = isBlank(cdbId) ? Optional.empty()
                : shared.resource(cdbId, () -> DatabaseType.TYPE.fetch(clients, cdbId));
        return Optional.of(toResource(pdb.get(), cdb));
    }

    private static Resource toResource(PluggableDatabase pdb, Optional<Resource> cdb) {
        String region = Wire.regionOf(pdb.getId());
        // the CDB as lineage: the policy then names it, with its key, in every finding
        Optional<Lineage> container = Optional.ofNullable(pdb.getContainerDatabaseId())
                .map(cdbId -> new Lineage(PLUGGED_INTO, cdbId));
        Resource resource = new Resource(NAME, pdb.getId(), pdb.getPdbName(), pdb.getCompartmentId(), region,
                Wire.value(pdb.getLifecycleState()), encryptionOf(pdb, cdb.map(Resource::encryption)), List.of(),
                container, Wire.tags(pdb.getFreeformTags()), "")
                .withKeyChangeBlocker("a pluggable database uses its container database's key, and "
                        + DatabaseFamily.neverMigrated("the container database"));
        return resource.withConsolePath(cdb.flatMap(Resource::consolePath)
                .orElse(DatabaseFamily.fallbackConsolePath(pdb.getCompartmentId(), region)));
    }

    /**
     * Its own Vault key if it reports one (with the vault its container names for that key), else its
     * container database's key as the container was read: wallet, Vault, OKV or an external key location.
     */
    static Encryption encryptionOf(PluggableDatabase pdb, Optional<Encryption> cdb) {
        if (!isBlank(pdb.getKmsKeyId())) {
            String vaultId = cdb.filter(c -> c.kind() == Encryption.Kind.OCI_VAULT
                            && c.keyId().equals(pdb.getKmsKeyId().trim()))
                    .map(Encryption::vaultId).orElse("");
            return Encryption.ofKmsKeyId(pdb.getKmsKeyId(), vaultId);
        }
        return cdb.orElse(Encryption.walletOnly());
    }

    private static List<String> list(OciClients clients, String compartmentId) {
        ListPluggableDatabasesRequest request = ListPluggableDatabasesRequest.builder()
                .compartmentId(compartmentId).build();
        return Listing.liveIds("ListPluggableDatabases " + compartmentId,
                () -> clients.database().getPaginators().listPluggableDatabasesResponseIterator(request),
                ListPluggableDatabasesResponse::getItems,
                p -> Wire.value(p.getLifecycleState()), PluggableDatabaseSummary::getId);
    }

    /** The key is changed on the container database. */
    static Optional<String> fixCommand(Resource resource, String keyId) {
        return DatabaseFamily.keyCommand(resource.lineage().map(Lineage::sourceId)
                .orElse("<container database OCID>"), resource.encryption(), keyId);
    }
}
