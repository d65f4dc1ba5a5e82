package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.TestFiles;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.oci.Auth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database family through the real OCI SDK clients against the emulator, per sample event. */
class DatabaseIT {
    private static final Map<String, String> NOTIFY = Map.of("CMK_GUARD_MODE", "notify");
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);
    private static final String VAULT = "ocid1.vault.oc1.iad.emuvault1.vault";
    private static final String ADB = "ocid1.autonomousdatabase.oc1.iad.";
    private static final String ADB_CREATE = "databaseservice.autonomous.database.instance.create.end--";

    private final EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @ParameterizedTest(name = "{0} in notify mode: {1}/{2}")
    @CsvSource({
            "databaseservice.autonomous.database.instance.create.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.autonomous.database.instance.create.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--oracle-managed-key-placeholder.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--aws-key.json, COMPLIANT, NONE",
            "databaseservice.autonomous.database.instance.create.end--aws-malformed-arn.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--okv.json, COMPLIANT, NONE",
            "databaseservice.autonomous.database.instance.create.end--clone-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--refreshable-clone.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--standby.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.instance.create.end--updating.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.updateautonomousdatabase.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.autonomous.database.restore.end--oracle-managed-key-placeholder.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.rotateautonomousdatabaseencryptionkey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.enableautonomousdataguard.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.createautonomousdataguardassociation.end--dedicated-compliant.json, COMPLIANT, NONE",
            "databaseservice.autonomous.container.database.dataguard.createstandby.end--dedicated-standby.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createdatabase.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.createdatabase.end--wallet-only.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createdatabase.end--okv.json, COMPLIANT, NONE",
            // OCI SDK 3.55.1 has no Database.encryptionKeyLocationDetails: read from the raw signed answer
            "databaseservice.createdatabase.end--aws-key-location.json, COMPLIANT, NONE",
            "databaseservice.updatedatabase.end--wallet-only.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.restoredatabase.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.migratedatabasekmskey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.rotatedatabasekmskey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.changedatabasekeystoretype.end--okv.json, COMPLIANT, NONE",
            "databaseservice.launchdbsystem.end--wallet-only-database.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createdbhome.end--wallet-only-database.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createcloudvmcluster.end--two-databases.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createpluggabledatabase.end--cmk-container.json, COMPLIANT, NONE",
            "databaseservice.createpluggabledatabase.end--wallet-container.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.pluggabledatabase.localclone.end--cmk-container.json, COMPLIANT, NONE",
            "databaseservice.pluggabledatabase.remoteclone.end--wallet-container.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.pluggabledatabase.relocate.end--okv-container.json, COMPLIANT, NONE",
            "databaseservice.pluggabledatabase.refresh.end--refreshable-clone.json, COMPLIANT, NONE",
            // issue 10
            "databaseservice.changeautonomousdatabasecompartment.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.changedbsystemcompartment.end--wallet-only-database.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.switchoverautonomousdatabase.end--new-primary-oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.failoverautonomousdatabase.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.disconnectrefreshableautonomousdatabaseclonefromsource.end--disconnected-clone.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.upgradeautonomousdatabasedbversion.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.autonomous.container.database.instance.create.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.autonomous.container.database.instance.update.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.rotateautonomouscontainerdatabaseencryptionkey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.rotatedatabasekey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.rotatepluggabledatabasekey.end--compliant.json, COMPLIANT, NONE",
            "databaseservice.createdataguardassociation.end--wallet-only-standby.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createstandbydatabase.end--wallet-only-standby.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.createexadbvmcluster.end--compliant-database.json, COMPLIANT, NONE",
            "databaseservice.movedatabase.end--wallet-only.json, NON_COMPLIANT, NOTIFIED",
            "databaseservice.pluggabledatabase.converttoregular.end--cmk-container.json, COMPLIANT, NONE",
            "databaseservice.pluggabledatabase.inplacerestore.end--compliant.json, COMPLIANT, NONE",
    })
    void everyDatabaseSampleInNotifyMode(String sample, String verdict, String action) {
        JsonNode r = tenancy.guard(NOTIFY).send(sample);
        assertEquals(verdict, r.path("verdict").asText(), r.toPrettyString());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertEquals(action.equals("NOTIFIED") ? 1 : 0, tenancy.emulator.messages().size());
        assertTrue(tenancy.writes().isEmpty(), "notify mode never writes: " + tenancy.writes());
        assertFalse(r.path("reasons").isEmpty());
    }

    @Test
    void everyDatabaseSampleIsCoveredByTheTableAbove() throws Exception {
        var method = getClass().getDeclaredMethod("everyDatabaseSampleInNotifyMode", String.class, String.class,
                String.class);
        var rows = method.getAnnotation(CsvSource.class).value();
        long samples = TestFiles.samples().stream()
                .filter(p -> p.getFileName().toString().startsWith("databaseservice.")).count();
        assertEquals(samples, rows.length);
    }

    @Test
    void remediateConfiguresTheKeyWithItsVaultVerifiesAndNamesTheIamPrerequisite() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send(ADB_CREATE + "oracle-managed.json");
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(KEY_HSM, r.path("kmsKeyIdAfter").asText());
        JsonNode adb = tenancy.stateOf("autonomousDatabases", ADB + "adboracle");
        assertEquals("OCI", adb.path("encryptionKey").path("provider").asText());
        assertEquals(KEY_HSM, adb.path("encryptionKey").path("kmsKeyId").asText());
        assertEquals(VAULT, adb.path("vaultId").asText(), "the key's own vault, from its facts");
        assertEquals(1, tenancy.writes().size());
        assertTrue(tenancy.writes().get(0).path().endsWith("/actions/configureAutonomousDatabaseVaultKey"));
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.startsWith("[cmk-guard] FIXED:"), body);
        assertTrue(body.contains("resource.type = 'autonomousdatabase'"), body);
    }

    @Test
    void remediationWaitsWhileTheDatabaseIsUpdating() throws Exception {
        SigningKeys keys = SigningKeys.generate();
        Path config = keys.writeOciConfig(Files.createTempDirectory("cmk-guard-db-it"));
        EmulatorOptions slow = EmulatorOptions.trusting(keys.publicKey()).withTransition(Duration.ofMillis(700));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (OciEmulator emulator = OciEmulator.start(OciEmulator.demoWorld(), slow);
             CmkGuard guard = CmkGuard.start(Map.of(GuardConfig.OCI_ENDPOINT, emulator.baseUrl(),
                     GuardConfig.AUTH, "config_file", Auth.CONFIG_FILE, config.toString(),
                     GuardConfig.REGION, "us-ashburn-1", GuardConfig.TOPIC_ID, EmulatedTenancy.TOPIC,
                     "CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM),
                     new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            String event = TestFiles.read(TestFiles.sample(ADB_CREATE + "oracle-managed.json"));
            JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(guard.handle(event));
            assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
            long reads = emulator.requests().stream()
                    .filter(q -> q.method().equals("GET") && q.path().endsWith("/autonomousDatabases/" + ADB + "adboracle"))
                    .count();
            assertTrue(reads >= 3, "read, then re-read while UPDATING until AVAILABLE: " + reads);
        }
    }

    @Test
    void oracleManagedKeyPlaceholderIsNotACustomerManagedKey() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send(ADB_CREATE + "oracle-managed-key-placeholder.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertTrue(r.path("kmsKeyIdBefore").asText("").isEmpty(), "ORACLE_MANAGED_KEY is no key: " + r);
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
    }

    @Test
    void awsAndOkvKeysAreCustomerManagedAndAMalformedArnIsNeverReplaced() {
        tenancy.guard(REMEDIATE);
        JsonNode aws = tenancy.send(ADB_CREATE + "aws-key.json");
        assertEquals("COMPLIANT", aws.path("verdict").asText(), aws.toPrettyString());
        assertEquals("AWS:arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                aws.path("kmsKeyIdBefore").asText());
        assertEquals("COMPLIANT", tenancy.send(ADB_CREATE + "okv.json").path("verdict").asText());
        JsonNode bad = tenancy.send(ADB_CREATE + "aws-malformed-arn.json");
        assertEquals("NON_COMPLIANT", bad.path("verdict").asText());
        assertEquals("NOTIFIED", bad.path("action").asText());
        assertTrue(bad.path("reasons").get(0).asText().contains("not well formed"), bad.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
    }

    @Test
    void cloneDowngradeIsNamedWithItsSourceAndFixed() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send(ADB_CREATE + "clone-downgrade.json");
        assertTrue(r.path("lineage").path("downgrade").asBoolean(), r.toPrettyString());
        assertEquals(ADB + "adbcmk", r.path("lineage").path("sourceId").asText());
        assertEquals(KEY_HSM, r.path("lineage").path("sourceKmsKeyId").asText());
        assertTrue(r.path("reasons").get(0).asText().startsWith("CMK downgrade"));
        assertEquals("REMEDIATED", r.path("action").asText());
    }

    @ParameterizedTest(name = "remediate leaves {0} alone")
    @CsvSource({
            "databaseservice.autonomous.database.instance.create.end--refreshable-clone.json, does not support customer-managed keys on a refreshable clone",
            "databaseservice.autonomous.database.instance.create.end--standby.json, standby follows its primary",
            "databaseservice.autonomous.database.instance.create.end--updating.json, UPDATING",
            "databaseservice.autonomous.container.database.dataguard.createstandby.end--dedicated-standby.json, standby",
    })
    void remediateNeverTouchesWhatFollowsAnotherKeyOrIsBusy(String sample, String why) {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send(sample);
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("NOTIFIED", r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("Nothing was changed") && body.contains(why), body);
    }

    /** Issue 10: a standby's fix is on its primary; a refreshable clone is disconnected, then keyed itself. */
    @Test
    void standbyFixIsOnThePrimaryAndARefreshableCloneIsDisconnectedThenKeyed() {
        tenancy.guard(NOTIFY);
        for (String sample : new String[] {"standby.json", "refreshable-clone.json"}) {
            JsonNode r = tenancy.send(ADB_CREATE + sample);
            assertTrue(r.path("lineage").path("downgrade").asBoolean(), r.toPrettyString());
        }
        String standby = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(standby.contains("configure-key --autonomous-database-id " + ADB + "adbcmk "), standby);
        String clone = tenancy.emulator.messages().get(1).path("body").asText();
        assertTrue(clone.contains("oci db autonomous-database update --autonomous-database-id " + ADB + "adbrefreshable"
                + " --is-refreshable-clone false --wait-for-state AVAILABLE && oci db autonomous-database configure-key"
                + " --autonomous-database-id " + ADB + "adbrefreshable "), clone);
        assertFalse(clone.contains("configure-key --autonomous-database-id " + ADB + "adbcmk"), clone);
    }

    @Test
    void ownRemediationUpdateEventEndsQuietly() {
        tenancy.guard(REMEDIATE);
        tenancy.send(ADB_CREATE + "oracle-managed.json");
        JsonNode again = tenancy.send("databaseservice.updateautonomousdatabase.end--oracle-managed.json");
        assertEquals("COMPLIANT", again.path("verdict").asText(), again.toPrettyString());
        assertEquals("NONE", again.path("action").asText());
        assertEquals(1, tenancy.emulator.messages().size());
        assertEquals(1, tenancy.writes().size());
    }

    @ParameterizedTest(name = "a wallet-only database is never migrated in {0} mode")
    @CsvSource({"audit, LOGGED", "notify, NOTIFIED", "remediate, NOTIFIED"})
    void walletOnlyDatabaseIsNeverMigrated(String mode, String action) {
        tenancy.guard(Map.of("CMK_GUARD_MODE", mode, "CMK_GUARD_KMS_KEY_ID", KEY_HSM));
        JsonNode r = tenancy.send("databaseservice.createdatabase.end--wallet-only.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
        // every mode, audit included, reports the exact command and console page in the result
        assertTrue(r.path("fix").path("command").asText().startsWith(
                "oci db database migrate-vault-key --database-id ocid1.database.oc1.iad.dbwallet"), r.toPrettyString());
        assertTrue(r.path("fix").path("consoleUrl").asText()
                .endsWith("/dbaas/dbsystems/ocid1.dbsystem.oc1.iad.dbsysprod/databases/ocid1.database.oc1.iad.dbwallet?region=us-ashburn-1"), r.toPrettyString());
        if (!mode.equals("audit")) {
            String body = tenancy.emulator.messages().get(0).path("body").asText();
            assertTrue(body.contains("oci db database migrate-vault-key --database-id ocid1.database.oc1.iad.dbwallet"
                    + " --kms-key-id " + KEY_HSM), body);
            assertTrue(body.contains("/dbaas/dbsystems/ocid1.dbsystem.oc1.iad.dbsysprod/databases/ocid1.database.oc1.iad.dbwallet?region=us-ashburn-1"), body);
        }
    }

    @Test
    void externalKeyLocationReadFaultIsAnErrorNotAWalletVerdict() {
        tenancy.guard(NOTIFY);
        // the typed GetDatabase passes; the signed raw read of the same path (key location) then fails
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/databases/ocid1.database.oc1.iad.dbaws").times(1));
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/databases/ocid1.database.oc1.iad.dbaws")
                .respond(500, "InternalServerError").forever());
        JsonNode r = tenancy.send("databaseservice.createdatabase.end--aws-key-location.json");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("InternalServerError", r.path("error").path("code").asText());
        assertEquals(3, tenancy.emulator.requests().size(), "typed read, raw read and its one retry");
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void remediateModeSaysWhyADatabaseIsNotMigrated() {
        tenancy.guard(REMEDIATE);
        tenancy.send("databaseservice.updatedatabase.end--wallet-only.json");
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("never migrates a database") && body.contains("TDE wallet passwords"), body);
    }

    @Test
    void pluggableDatabaseIsJudgedThroughItsContainerDatabase() {
        tenancy.guard(REMEDIATE);
        JsonNode inCmk = tenancy.send("databaseservice.pluggabledatabase.localclone.end--cmk-container.json");
        assertEquals("COMPLIANT", inCmk.path("verdict").asText(), inCmk.toPrettyString());
        assertEquals(KEY_HSM, inCmk.path("kmsKeyIdBefore").asText(), "no key of its own: its CDB's");
        JsonNode inWallet = tenancy.send("databaseservice.createpluggabledatabase.end--wallet-container.json");
        assertEquals("NON_COMPLIANT", inWallet.path("verdict").asText());
        assertTrue(inWallet.path("reasons").get(0).asText().contains("container database DBWALLET"),
                inWallet.toPrettyString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("migrate-vault-key --database-id ocid1.database.oc1.iad.dbwallet "), body);
        assertTrue(tenancy.writes().isEmpty());
    }

    @Test
    void dbSystemAndVmClusterEventsCheckEveryDatabaseTheyHold() {
        tenancy.guard(NOTIFY);
        JsonNode launched = tenancy.send("databaseservice.launchdbsystem.end--wallet-only-database.json");
        assertEquals("ocid1.database.oc1.iad.dbnew", launched.path("resourceId").asText(), launched.toPrettyString());
        assertEquals("database", launched.path("resourceType").asText());
        JsonNode cluster = tenancy.send("databaseservice.createcloudvmcluster.end--two-databases.json");
        assertEquals(2, cluster.path("items").size(), cluster.toPrettyString());
        assertEquals("ocid1.database.oc1.iad.dbexawallet", cluster.path("resourceId").asText(), "the worst leads");
        assertTrue(cluster.toString().contains("\"COMPLIANT\""), "the CMK database is judged too");
        long listings = tenancy.emulator.requests().stream()
                .filter(q -> q.path().equals("/20160918/dbHomes") || q.path().equals("/20160918/databases")).count();
        assertEquals(4, listings, "one DB home list and one database list per event");
    }

    @Test
    void containerDatabaseEventChecksItsAutonomousDatabases() {
        tenancy.guard(NOTIFY);
        JsonNode r = tenancy.send("databaseservice.createautonomousdataguardassociation.end--dedicated-compliant.json");
        assertEquals(ADB + "adbdedicated", r.path("resourceId").asText(), r.toPrettyString());
        assertEquals("COMPLIANT", r.path("verdict").asText());
    }

    @ParameterizedTest(name = "{4} x{5} on {0} {1} -> {7}/{8}")
    @CsvSource({
            // GetAutonomousDatabase
            "GET, /20160918/autonomousDatabases/[^/]+, autonomous.database.instance.create.end--oracle-managed, remediate, 404, 1, NotAuthorizedOrNotFound, NOT_FOUND, NONE",
            "GET, /20160918/autonomousDatabases/[^/]+, autonomous.database.instance.create.end--oracle-managed, remediate, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/autonomousDatabases/[^/]+, autonomous.database.instance.create.end--oracle-managed, remediate, 429, 1, TooManyRequests, NON_COMPLIANT, REMEDIATED",
            "GET, /20160918/autonomousDatabases/[^/]+, autonomous.database.instance.create.end--oracle-managed, remediate, 500, -1, InternalServerError, ERROR, NONE",
            // ConfigureAutonomousDatabaseVaultKey
            "POST, /20160918/autonomousDatabases/[^/]+/actions/configureAutonomousDatabaseVaultKey, autonomous.database.instance.create.end--oracle-managed, remediate, 404, 1, NotAuthorizedOrNotFound, NON_COMPLIANT, REMEDIATION_FAILED",
            "POST, /20160918/autonomousDatabases/[^/]+/actions/configureAutonomousDatabaseVaultKey, autonomous.database.instance.create.end--oracle-managed, remediate, 409, 1, IncorrectState, NON_COMPLIANT, REMEDIATION_FAILED",
            "POST, /20160918/autonomousDatabases/[^/]+/actions/configureAutonomousDatabaseVaultKey, autonomous.database.instance.create.end--oracle-managed, remediate, 429, 1, TooManyRequests, NON_COMPLIANT, REMEDIATED",
            "POST, /20160918/autonomousDatabases/[^/]+/actions/configureAutonomousDatabaseVaultKey, autonomous.database.instance.create.end--oracle-managed, remediate, 500, -1, InternalServerError, NON_COMPLIANT, REMEDIATION_FAILED",
            // ListAutonomousDatabases (container database events)
            "GET, /20160918/autonomousDatabases, createautonomousdataguardassociation.end--dedicated-compliant, notify, 404, 1, NotAuthorizedOrNotFound, ERROR, NONE",
            "GET, /20160918/autonomousDatabases, createautonomousdataguardassociation.end--dedicated-compliant, notify, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/autonomousDatabases, createautonomousdataguardassociation.end--dedicated-compliant, notify, 429, 1, TooManyRequests, COMPLIANT, NONE",
            "GET, /20160918/autonomousDatabases, createautonomousdataguardassociation.end--dedicated-compliant, notify, 500, -1, InternalServerError, ERROR, NONE",
            // GetDatabase
            "GET, /20160918/databases/[^/]+, createdatabase.end--wallet-only, remediate, 404, 1, NotAuthorizedOrNotFound, NOT_FOUND, NONE",
            "GET, /20160918/databases/[^/]+, createdatabase.end--wallet-only, remediate, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/databases/[^/]+, createdatabase.end--wallet-only, remediate, 429, 1, TooManyRequests, NON_COMPLIANT, NOTIFIED",
            "GET, /20160918/databases/[^/]+, createdatabase.end--wallet-only, remediate, 500, -1, InternalServerError, ERROR, NONE",
            // ListDbHomes
            "GET, /20160918/dbHomes, launchdbsystem.end--wallet-only-database, notify, 404, 1, NotAuthorizedOrNotFound, ERROR, NONE",
            "GET, /20160918/dbHomes, launchdbsystem.end--wallet-only-database, notify, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/dbHomes, launchdbsystem.end--wallet-only-database, notify, 429, 1, TooManyRequests, NON_COMPLIANT, NOTIFIED",
            "GET, /20160918/dbHomes, launchdbsystem.end--wallet-only-database, notify, 500, -1, InternalServerError, ERROR, NONE",
            // ListDatabases
            "GET, /20160918/databases, createdbhome.end--wallet-only-database, notify, 404, 1, NotAuthorizedOrNotFound, ERROR, NONE",
            "GET, /20160918/databases, createdbhome.end--wallet-only-database, notify, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/databases, createdbhome.end--wallet-only-database, notify, 429, 1, TooManyRequests, NON_COMPLIANT, NOTIFIED",
            "GET, /20160918/databases, createdbhome.end--wallet-only-database, notify, 500, -1, InternalServerError, ERROR, NONE",
            // GetPluggableDatabase
            "GET, /20160918/pluggableDatabases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 404, 1, NotAuthorizedOrNotFound, NOT_FOUND, NONE",
            "GET, /20160918/pluggableDatabases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/pluggableDatabases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 429, 1, TooManyRequests, NON_COMPLIANT, NOTIFIED",
            "GET, /20160918/pluggableDatabases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 500, -1, InternalServerError, ERROR, NONE",
            // GetDatabase of a PDB's container: gone means judged by its own fields, a fault fails the check
            "GET, /20160918/databases/[^/]+, createpluggabledatabase.end--cmk-container, notify, 404, -1, NotAuthorizedOrNotFound, COMPLIANT, NONE",
            "GET, /20160918/databases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 409, 1, IncorrectState, ERROR, NONE",
            "GET, /20160918/databases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 429, 1, TooManyRequests, NON_COMPLIANT, NOTIFIED",
            "GET, /20160918/databases/[^/]+, createpluggabledatabase.end--wallet-container, notify, 500, -1, InternalServerError, ERROR, NONE",
    })
    void faultsOnEveryDatabaseCall(String method, String path, String sample, String mode, int status, int times,
                                   String code, String verdict, String action) {
        tenancy.guard(mode.equals("remediate") ? REMEDIATE : NOTIFY);
        tenancy.emulator.faults().add(Fault.on(method, path).respond(status, code).times(times));
        JsonNode r = tenancy.send("databaseservice." + sample + ".json");
        assertEquals(verdict, r.path("verdict").asText(), r.toPrettyString());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.emulator.requests().stream().anyMatch(q -> q.status() == status),
                "the fault was hit: " + tenancy.emulator.requests());
        if (verdict.equals("ERROR")) {
            assertEquals(code, r.path("error").path("code").asText(), r.toPrettyString());
            assertTrue(tenancy.writes().isEmpty(), "a failed check changes nothing: " + tenancy.writes());
        }
        if (action.equals("REMEDIATION_FAILED")) {
            assertEquals(code, r.path("error").path("code").asText(), r.toPrettyString());
            assertTrue(tenancy.stateOf("autonomousDatabases", ADB + "adboracle").path("kmsKeyId").isMissingNode());
        }
    }
}
