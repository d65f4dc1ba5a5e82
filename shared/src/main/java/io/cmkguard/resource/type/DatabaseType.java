package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.Database;
import com.oracle.bmc.database.requests.GetDatabaseRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.Encryption;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Parent;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.cmkguard.resource.type.DatabaseFamily.details;
import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * Databases of DB systems and Exadata VM clusters (Base Database, ExaDB-D, ExaCC). Their key is
 * never changed by cmk-guard: moving a database from its wallet to a Vault key needs its passwords,
 * so every non-compliant database is reported with the command and where to find it.
 */
final class DatabaseType {
    /** Events that name the DB system, VM cluster or DB home that created databases, by the OCID kind they name. */
    static final Map<String, String> PARENT_EVENTS = Map.of(
            DatabaseFamily.event("launchdbsystem.end"), "dbsystem",
            DatabaseFamily.event("changedbsystemcompartment.end"), "dbsystem",
            DatabaseFamily.event("createcloudvmcluster.end"), "cloudvmcluster",
            DatabaseFamily.event("createexadbvmcluster.end"), "exadbvmcluster", // ExaDB-XS
            DatabaseFamily.event("createdbhome.end"), "dbhome");
    /** A new Data Guard standby must be on a customer-managed key too: the event's database and its peers. */
    static final Set<String> DATA_GUARD_EVENTS = DatabaseFamily.events("createdataguardassociation.end",
            "createstandbydatabase.end");

    static final String NAME = "database";

    static final ResourceType TYPE = declare();

    private static ResourceType declare() {
        Declared.Builder database = Declared.named(NAME, "database")
                .identity(Identity.ocid("database"))
                .collection("databases")
                .events(DatabaseFamily.events("createdatabase.end", "updatedatabase.end", "restoredatabase.end",
                        "migratedatabasekmskey.end", "rotatedatabasekmskey.end", "changedatabasekeystoretype.end",
                        "rotatedatabasekey.end", "movedatabase.end"))
                // a new Data Guard standby must be on a customer-managed key too: the event's database and its peers
                .parent(Parent.of(DATA_GUARD_EVENTS, Identity.ocid("database"),
                        (clients, event) -> DataGuardPeers.withPeers(clients, event.resourceId())));
        // a DB system, VM cluster or DB home event asks for every database it holds (listed in its compartment)
        PARENT_EVENTS.forEach((event, kind) -> database.parent(Parent.of(Set.of(event), Identity.ocid(kind),
                (clients, e) -> DatabasesUnder.parent(clients, e.compartmentId(), kind, e.resourceId()))
                .listedByCompartment()));
        return database
                .calls(ResourceCalls.of(DatabaseType::fetch, DatabaseType::list))
                .fix(DatabaseType::fixCommand)
                .prerequisite(DatabaseFamily.DATABASE_KEY_GRANT)
                .console(db -> db.consolePath()
                        .orElse(DatabaseFamily.fallbackConsolePath(db.compartmentId(), db.region())))
                .permissions("DATABASE_INSPECT", "DB_HOME_INSPECT")
                // never re-keyed by cmk-guard, but the migrate-vault-key fix it reports needs the databases' grant
                .iam(Iam.readOnly("read databases", "read db-homes").keyUsedBy(KeyUser.DATABASES))
                .build();
    }

    private DatabaseType() {
    }

    private static Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetDatabase " + id,
                        () -> clients.database().getDatabase(GetDatabaseRequest.builder().databaseId(id).build()))
                .map(response -> toResource(Answers.checked("GetDatabase " + id, id, response.getDatabase(),
                        Database::getId, Database::getLifecycleState, Database::getCompartmentId),
                        response.getEtag(), clients));
    }

    private static Resource toResource(Database db, String etag, OciClients clients) {
        String region = Wire.regionOf(db.getId());
        Resource resource = new Resource(NAME, db.getId(), label(db), db.getCompartmentId(), region,
                Wire.value(db.getLifecycleState()), encryptionOf(db, clients), List.of(), Optional.empty(),
                Wire.tags(db.getFreeformTags()), etag)
                .withKeyChangeBlocker(DatabaseFamily.neverMigrated("a database"));
        // only a page of its own: the type falls back to the compartment's (the PDBs' falls back to theirs)
        return DatabaseFamily.consolePathOf(db).map(resource::withConsolePath).orElse(resource);
    }

    /**
     * The key as the model shows it, else the external key location (Oracle Database@AWS and
     * friends), which OCI SDK 3.55.1 does not model: read from the raw, signed answer, and only for
     * databases that would otherwise count as wallet-only.
     */
    static Encryption encryptionOf(Database db, OciClients clients) {
        Encryption modelled = encryptionOf(db);
        if (modelled.isCustomerManaged()) {
            return modelled;
        }
        return clients.databaseJson(db.getId())
                .map(json -> json.path("encryptionKeyLocationDetails"))
                .flatMap(DatabaseType::keyLocation)
                .orElse(modelled);
    }

    /** encryptionKeyLocationDetails: providerType AWS / AZURE / GCP / EXTERNAL and the key it names. */
    static Optional<Encryption> keyLocation(com.fasterxml.jackson.databind.JsonNode location) {
        String provider = location.path("providerType").asText("");
        String keyField = switch (provider) {
            case "AWS" -> "awsEncryptionKeyId";
            case "AZURE" -> "azureEncryptionKeyId";
            case "GCP" -> "googleCloudProviderEncryptionKeyId";
            case "EXTERNAL" -> "hsmPassword"; // an external HSM: the location itself is the evidence
            default -> "";
        };
        if (keyField.isEmpty()) {
            return Optional.empty();
        }
        String key = provider.equals("EXTERNAL") ? "external HSM" : location.path(keyField).asText("");
        return key.isBlank() ? Optional.empty()
                : Optional.of(Encryption.external(provider, details(provider.equals("EXTERNAL") ? "location" : keyField, key)));
    }

    /**
     * A Vault key (kmsKeyId, usually with vaultId), an Oracle Key Vault key store, or else the TDE
     * master key sits only in the database's file-based wallet: not a customer-managed key.
     */
    static Encryption encryptionOf(Database db) {
        if (!isBlank(db.getKmsKeyId())) {
            return Encryption.ofKmsKeyId(db.getKmsKeyId(), db.getVaultId());
        }
        if (!isBlank(db.getKeyStoreId())) {
            return Encryption.external("OKV", details("keyStoreId", db.getKeyStoreId(),
                    "keyStoreWalletName", db.getKeyStoreWalletName()));
        }
        return Encryption.walletOnly();
    }

    static String label(Database db) {
        return isBlank(db.getDbName()) ? db.getDbUniqueName() : db.getDbName();
    }

    /** ListDatabases needs a DB home (or DB system): the compartment's DB homes, then each one's databases. */
    private static List<String> list(OciClients clients, String compartmentId) {
        return DatabasesUnder.compartment(clients, compartmentId);
    }

    static Optional<String> fixCommand(Resource resource, String keyId) {
        return DatabaseFamily.keyCommand(resource.id(), resource.encryption(), keyId);
    }
}
