package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.Database;
import io.cmkguard.oci.Wire;
import io.cmkguard.model.Encryption;
import io.cmkguard.util.CliCommand;
import io.cmkguard.util.Ocid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the database types share: event names, console paths and the fix command. */
final class DatabaseFamily {
    static final String EVENT_PREFIX = "com.oraclecloud.databaseservice.";

    /** Without this grant a database cannot use a Vault key, whoever moves it there. */
    static final Optional<String> DATABASE_KEY_GRANT = Optional.of("the databases' dynamic group (e.g. ALL"
            + " {resource.type = 'database', resource.compartment.id = '<database compartment OCID>'}) must be"
            + " allowed to use the key: Allow dynamic-group <that group> to use keys in compartment"
            + " <vault-compartment> where target.key.id = '<key OCID>', and to read vaults in that compartment");

    private DatabaseFamily() {
    }

    /** Why cmk-guard reports a database rather than moving it to a Vault key, in every mode. */
    static String neverMigrated(String what) {
        return "cmk-guard never migrates " + what + " to a Vault key: MigrateVaultKey needs its admin and TDE"
                + " wallet passwords, so a DBA must run the command below";
    }

    static boolean isGone(String state) {
        return state.equals("TERMINATED") || state.equals("TERMINATING");
    }

    static String event(String suffix) {
        return EVENT_PREFIX + suffix;
    }

    /** Full event type names from their databaseservice suffixes. */
    static Set<String> events(String... suffixes) {
        return Stream.of(suffixes).map(DatabaseFamily::event).collect(Collectors.toUnmodifiableSet());
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Key-value details without the absent ones, in the given order (the first is the one results show). */
    static Map<String, String> details(String... namesAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (!isBlank(namesAndValues[i + 1])) {
                details.put(namesAndValues[i], namesAndValues[i + 1].trim());
            }
        }
        return details;
    }

    /**
     * A database's page hangs under its DB system (Base Database: /dbaas/dbsystems/{system}/databases/{db},
     * the pattern public tools link to) or cloud VM cluster (Exadata: the cluster's page; not checked
     * against a public source).
     */
    static Optional<String> consolePathOf(Database db) {
        String region = "?region=" + Wire.regionOf(db.getId());
        if (!isBlank(db.getDbSystemId())) {
            return Optional.of("/dbaas/dbsystems/" + db.getDbSystemId() + "/databases/" + db.getId() + region);
        }
        if ("cloudvmcluster".equals(Ocid.kindOf(db.getVmClusterId()))) {
            return Optional.of("/dbaas/cloudVmClusters/" + db.getVmClusterId() + region);
        }
        return Optional.empty();
    }

    /** Where a database is when its parent is not known: the compartment's DB systems. */
    static String fallbackConsolePath(String compartmentId, String region) {
        return "/dbaas/dbsystems?region=" + region + "&compartmentId=" + compartmentId;
    }

    /**
     * The command that puts a database on the Vault key, for the key location it is on now.
     * MigrateVaultKey only moves a database off the keys in its own TDE wallet (Oracle-managed) onto a
     * Vault key; a database already on a Vault key, an Oracle Key Vault key store or an external key
     * has no command that moves it to another Vault key (change-key-store-type and
     * change-encryption-key-location move databases onto OKV and external keys, not off them), so
     * none is printed and the reasons say what to do (re-enable or cancel the deletion of its key...).
     */
    static Optional<String> keyCommand(String databaseId, Encryption current, String keyId) {
        if (current.kind() != Encryption.Kind.ORACLE_MANAGED) {
            return Optional.empty();
        }
        return Optional.of(CliCommand.oci("db", "database", "migrate-vault-key").option("--database-id", databaseId)
                .option("--kms-key-id", keyId).placeholder("--vault-id", "vault OCID of the key")
                .placeholder("--admin-password", "admin password")
                .placeholder("--tde-wallet-password", "TDE wallet password").render());
    }

    /** Every record of a paged LIST (the SDK's paginator fetches the next pages). */
    static <T> List<T> all(Iterable<T> records) {
        List<T> all = new ArrayList<>();
        records.forEach(all::add);
        return all;
    }
}
