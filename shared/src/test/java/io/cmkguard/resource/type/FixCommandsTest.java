package io.cmkguard.resource.type;

import io.cmkguard.OciCli;
import io.cmkguard.ShellPaste;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.CliCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10, part 3: every command cmk-guard prints is one the OCI CLI accepts, and never deletes anything. */
class FixCommandsTest {
    private static final String KEY = "ocid1.key.oc1.iad.v.k";

    private static Resource resource(String type, String id, Encryption encryption, Optional<Lineage> lineage) {
        return new Resource(type, id, "name", "ocid1.compartment.oc1..c", "us-ashburn-1", "AVAILABLE", encryption,
                List.of(), lineage, Map.of(), "");
    }

    @Test
    void everyTypesFixCommandIsARealCliCommand() {
        int printed = 0;
        for (ResourceType type : ResourceTypes.ALL) {
            String id = type.identity().example();
            Optional<String> command = type.fixCommand(resource(type.name(), id, Encryption.oracleManaged(),
                    Optional.empty()), KEY);
            if (command.isPresent()) {
                OciCli.check(command.get());
                assertTrue(command.get().contains(KEY), command.get()); // a PDB's names its container, not itself
                printed++;
            }
        }
        assertEquals(9, printed, "block, boot, both backups, ADB, database, PDB, bucket and file system print one;"
                + " replicas and containers do not");
    }

    @Test
    void aReplicaFixListsEveryExistingReplicaWithItsOwnSettingsAndForce() {
        String command = BlockStorage.replicaListCommand(
                CliCommand.oci("bv", "volume", "update").option("--volume-id", "ocid1.volume.oc1.iad.v"),
                "--block-volume-replicas", List.of(
                        new BlockStorage.ReplicaSetting("Uocm:PHX-AD-1", "to-phx", null),
                        new BlockStorage.ReplicaSetting("Uocm:US-SANJOSE-1-AD-1", "to-sjc", "ocid1.key.oc1.sjc.v.k")));
        OciCli.check(command);
        assertEquals("oci bv volume update --volume-id ocid1.volume.oc1.iad.v --block-volume-replicas"
                + " '[{\"availabilityDomain\":\"Uocm:PHX-AD-1\",\"displayName\":\"to-phx\",\"xrrKmsKeyId\":"
                + "\"<key OCID in the replica region>\"},{\"availabilityDomain\":\"Uocm:US-SANJOSE-1-AD-1\","
                + "\"displayName\":\"to-sjc\",\"xrrKmsKeyId\":\"ocid1.key.oc1.sjc.v.k\"}]' --force", command);
    }

    @Test
    void aRefreshableCloneIsDisconnectedThenKeyedAndAStandbysFixIsOnItsPrimary() {
        ResourceType adb = AutonomousDatabaseType.TYPE;
        String clone = adb.fixCommand(resource("autonomous-database", "ocid1.autonomousdatabase.oc1.iad.clone",
                Encryption.oracleManaged(), Optional.of(new Lineage(AutonomousDatabaseType.REFRESHABLE_CLONE_OF,
                        "ocid1.autonomousdatabase.oc1.iad.src"))), KEY).orElseThrow();
        OciCli.check(clone);
        assertTrue(clone.startsWith("oci db autonomous-database update --autonomous-database-id"
                + " ocid1.autonomousdatabase.oc1.iad.clone --is-refreshable-clone false"), clone);
        assertTrue(!clone.contains(".src"), "the source is not what gets the key: " + clone);
        OciCli.check(AutonomousDatabaseType.disconnect("<clone OCID>")); // named in a source's reasons

        String standby = adb.fixCommand(resource("autonomous-database", "ocid1.autonomousdatabase.oc1.iad.sb",
                Encryption.oracleManaged(), Optional.of(new Lineage(AutonomousDatabaseType.STANDBY_OF,
                        "ocid1.autonomousdatabase.oc1.iad.primary"))), KEY).orElseThrow();
        OciCli.check(standby);
        assertTrue(standby.contains("--autonomous-database-id ocid1.autonomousdatabase.oc1.iad.primary "), standby);
    }

    @Test
    void aClonesFixPastedRunsTheDisconnectThenTheKeyAsTwoCallsWhateverItsId() {
        String clone = AutonomousDatabaseType.TYPE.fixCommand(new Resource("autonomous-database",
                "ocid1.autonomousdatabase.oc1.iad.c'; touch FILE", "n", "ocid1.compartment.oc1..c", "us-ashburn-1",
                "AVAILABLE", Encryption.oracleManaged(), List.of(), Optional.of(new Lineage(
                AutonomousDatabaseType.REFRESHABLE_CLONE_OF, "ocid1.autonomousdatabase.oc1.iad.src")), Map.of(), ""),
                KEY).orElseThrow();
        List<List<String>> calls = ShellPaste.run("/usr/bin/bash", clone);
        assertEquals(List.of(List.of("oci", "db", "autonomous-database", "update", "--autonomous-database-id",
                "ocid1.autonomousdatabase.oc1.iad.c'; touch FILE", "--is-refreshable-clone", "false",
                "--wait-for-state", "AVAILABLE"), List.of("oci", "db", "autonomous-database", "configure-key",
                "--autonomous-database-id", "ocid1.autonomousdatabase.oc1.iad.c'; touch FILE", "--kms-key-id", KEY,
                "--vault-id", "<vault OCID of the key>")), calls, "disconnect, then the key, as two calls");
    }

    @Test
    void aDedicatedDatabasesFixNamesItsContainerNotConfigureKey() {
        Resource dedicated = resource("autonomous-database", "ocid1.autonomousdatabase.oc1.iad.d",
                Encryption.oracleManaged(), Optional.empty()).withKeyChangeBlocker("on dedicated infrastructure "
                + AutonomousDatabaseType.CONTAINER_KEY + "ocid1.autonomouscontainerdatabase.oc1.iad.c");
        assertEquals(Optional.empty(), AutonomousDatabaseType.TYPE.fixCommand(dedicated, KEY));
    }

    @Test
    void migrateVaultKeyOnlyForADatabaseOnItsWalletNothingForOtherKeyLocations() {
        ResourceType db = DatabaseType.TYPE;
        String id = "ocid1.database.oc1.iad.db";
        OciCli.check(db.fixCommand(resource("database", id, Encryption.walletOnly(), Optional.empty()), KEY).orElseThrow());
        assertEquals(Optional.empty(), db.fixCommand(resource("database", id,
                Encryption.vaultKey("ocid1.key.oc1.iad.v.disabled", "v"), Optional.empty()), KEY), "another Vault key");
        assertEquals(Optional.empty(), db.fixCommand(resource("database", id,
                Encryption.external("OKV", Map.of("keyStoreId", "ks")), Optional.empty()), KEY), "Oracle Key Vault");
        assertEquals(Optional.empty(), db.fixCommand(resource("database", id,
                Encryption.external("AWS", Map.of("awsEncryptionKeyId", "arn")), Optional.empty()), KEY), "external");
    }

    @Test
    void theVolumeBackupConsolePageIsVolumeBackups() {
        assertEquals("/block-storage/volume-backups/ocid1.volumebackup.oc1.iad.b?region=us-ashburn-1",
                VolumeBackupType.TYPE.consolePath(resource("volume-backup", "ocid1.volumebackup.oc1.iad.b",
                        Encryption.oracleManaged(), Optional.empty())));
    }

    @Test
    void aKeysRotationCommandsAreRealCliCommands() {
        String endpoint = "https://v-management.kms.us-ashburn-1.oraclecloud.com";
        String rotate = VaultKeyType.rotateCommand(KEY, endpoint);
        String auto = VaultKeyType.autoRotationCommand(KEY, endpoint, 365);
        OciCli.check(rotate + " && " + auto);
        assertEquals("oci kms management key-version create --key-id " + KEY + " --endpoint " + endpoint, rotate);
        assertEquals("oci kms management key update --key-id " + KEY + " --is-auto-rotation-enabled true"
                + " --auto-key-rotation-details '{\"rotationIntervalInDays\": 365}' --force --endpoint " + endpoint, auto);
    }
}
