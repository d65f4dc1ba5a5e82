package io.cmkguard.emulator;

/** A small world with one of everything, and the ids the tests refer to. */
final class TestWorld {
    static final String COMPARTMENT = "ocid1.compartment.oc1..testcompartment";
    static final String OTHER_COMPARTMENT = "ocid1.compartment.oc1..othercompartment";
    static final String AD1 = "Uocm:US-ASHBURN-AD-1";
    static final String AD2 = "Uocm:US-ASHBURN-AD-2";

    static final String VAULT = "ocid1.vault.oc1.iad.testvault";
    static final String KEY = "ocid1.key.oc1.iad.testvault.enabledkey";
    static final String KEY_2 = "ocid1.key.oc1.iad.testvault.secondkey";
    static final String DISABLED_KEY = "ocid1.key.oc1.iad.testvault.disabledkey";

    static final String VOLUME_ORACLE_KEY = "ocid1.volume.oc1.iad.oraclekey";
    static final String VOLUME_CMK = "ocid1.volume.oc1.iad.cmk";
    static final String VOLUME_PROVISIONING = "ocid1.volume.oc1.iad.provisioning";
    static final String BOOT_VOLUME = "ocid1.bootvolume.oc1.iad.boot";
    static final String VOLUME_BACKUP = "ocid1.volumebackup.oc1.iad.backup";
    static final String VOLUME_BACKUP_CREATING = "ocid1.volumebackup.oc1.iad.creating";
    static final String BOOT_VOLUME_BACKUP = "ocid1.bootvolumebackup.oc1.iad.bootbackup";
    static final String BLOCK_VOLUME_REPLICA = "ocid1.blockvolumereplica.oc1.phx.replica";
    static final String BOOT_VOLUME_REPLICA = "ocid1.bootvolumereplica.oc1.phx.bootreplica";
    static final String INSTANCE = "ocid1.instance.oc1.iad.instance";
    static final String BOOT_VOLUME_ATTACHMENT = "ocid1.instance.oc1.iad.bootattachment";

    static final String ADB = "ocid1.autonomousdatabase.oc1.iad.adb";
    static final String ADB_STOPPED = "ocid1.autonomousdatabase.oc1.iad.stopped";
    static final String ACD = "ocid1.autonomouscontainerdatabase.oc1.iad.acd";
    static final String DATABASE = "ocid1.database.oc1.iad.db";
    static final String PDB = "ocid1.pluggabledatabase.oc1.iad.pdb";
    static final String DB_SYSTEM = "ocid1.dbsystem.oc1.iad.dbsystem";
    static final String DB_HOME = "ocid1.dbhome.oc1.iad.dbhome";
    static final String TOPIC = "ocid1.onstopic.oc1.iad.topic";

    static final String JSON = """
            {
              "vaults": [
                {"id": "%VAULT%", "compartmentId": "%C%", "displayName": "vault", "lifecycleState": "ACTIVE",
                 "vaultType": "DEFAULT", "managementEndpoint": "https://abc-management.kms.us-ashburn-1.oraclecloud.com",
                 "cryptoEndpoint": "https://abc-crypto.kms.us-ashburn-1.oraclecloud.com", "timeCreated": "2024-01-01T00:00:00.000Z"}
              ],
              "keys": [
                {"id": "%KEY%", "vaultId": "%VAULT%", "compartmentId": "%C%", "displayName": "key",
                 "lifecycleState": "ENABLED", "protectionMode": "HSM", "keyShape": {"algorithm": "AES", "length": 32}},
                {"id": "%KEY2%", "vaultId": "%VAULT%", "compartmentId": "%C%", "displayName": "key2",
                 "lifecycleState": "ENABLED", "protectionMode": "SOFTWARE", "keyShape": {"algorithm": "AES", "length": 32}},
                {"id": "%DISABLED%", "vaultId": "%VAULT%", "compartmentId": "%C%", "displayName": "disabled",
                 "lifecycleState": "DISABLED", "protectionMode": "HSM", "keyShape": {"algorithm": "AES", "length": 32}}
              ],
              "volumes": [
                {"id": "%VOL_ORACLE%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "displayName": "oracle-key",
                 "lifecycleState": "AVAILABLE", "sizeInGBs": 50, "timeCreated": "2024-01-01T00:00:00.000Z",
                 "freeformTags": {"team": "a"}, "definedTags": {}},
                {"id": "%VOL_CMK%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "displayName": "cmk",
                 "lifecycleState": "AVAILABLE", "kmsKeyId": "%KEY%", "sizeInGBs": 100,
                 "sourceDetails": {"type": "volume", "id": "%VOL_ORACLE%"},
                 "blockVolumeReplicas": [{"blockVolumeReplicaId": "%BVR%", "availabilityDomain": "Uocm:PHX-AD-1",
                                          "displayName": "replica", "kmsKeyId": "ocid1.key.oc1.phx.remote"}],
                 "timeCreated": "2024-01-02T00:00:00.000Z"},
                {"id": "%VOL_PROV%", "compartmentId": "%C%", "availabilityDomain": "%AD2%", "displayName": "new",
                 "lifecycleState": "PROVISIONING", "sizeInGBs": 50},
                {"id": "ocid1.volume.oc1.iad.elsewhere", "compartmentId": "%OTHER%", "availabilityDomain": "%AD1%",
                 "displayName": "elsewhere", "lifecycleState": "AVAILABLE"}
              ],
              "bootVolumes": [
                {"id": "%BOOT%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "displayName": "boot",
                 "lifecycleState": "AVAILABLE", "sizeInGBs": 47, "imageId": "ocid1.image.oc1.iad.image"}
              ],
              "volumeBackups": [
                {"id": "%VB%", "compartmentId": "%C%", "volumeId": "%VOL_CMK%", "displayName": "backup",
                 "lifecycleState": "AVAILABLE", "type": "FULL", "kmsKeyId": "%KEY%"},
                {"id": "%VB_CREATING%", "compartmentId": "%C%", "volumeId": "%VOL_ORACLE%", "displayName": "creating",
                 "lifecycleState": "CREATING", "type": "INCREMENTAL"}
              ],
              "bootVolumeBackups": [
                {"id": "%BVB%", "compartmentId": "%C%", "bootVolumeId": "%BOOT%", "displayName": "boot-backup",
                 "lifecycleState": "AVAILABLE", "type": "FULL"}
              ],
              "blockVolumeReplicas": [
                {"id": "%BVR%", "compartmentId": "%C%", "availabilityDomain": "Uocm:PHX-AD-1", "blockVolumeId": "%VOL_CMK%",
                 "displayName": "replica", "lifecycleState": "AVAILABLE", "kmsKeyId": "ocid1.key.oc1.phx.remote"}
              ],
              "bootVolumeReplicas": [
                {"id": "%BOOTR%", "compartmentId": "%C%", "availabilityDomain": "Uocm:PHX-AD-1", "bootVolumeId": "%BOOT%",
                 "displayName": "boot-replica", "lifecycleState": "AVAILABLE"}
              ],
              "instances": [
                {"id": "%INSTANCE%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "displayName": "vm",
                 "lifecycleState": "RUNNING", "shape": "VM.Standard.E4.Flex", "region": "iad"}
              ],
              "bootVolumeAttachments": [
                {"id": "%BVA%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "instanceId": "%INSTANCE%",
                 "bootVolumeId": "%BOOT%", "lifecycleState": "ATTACHED"}
              ],
              "autonomousDatabases": [
                {"id": "%ADB%", "compartmentId": "%C%", "dbName": "adb", "displayName": "adb", "lifecycleState": "AVAILABLE",
                 "encryptionKey": {"provider": "ORACLE_MANAGED"}},
                {"id": "%ADB_STOPPED%", "compartmentId": "%C%", "dbName": "stopped", "lifecycleState": "STOPPED"}
              ],
              "autonomousContainerDatabases": [
                {"id": "%ACD%", "compartmentId": "%C%", "displayName": "acd", "lifecycleState": "AVAILABLE",
                 "kmsKeyId": "%KEY%", "vaultId": "%VAULT%"}
              ],
              "databases": [
                {"id": "%DB%", "compartmentId": "%C%", "dbName": "db", "dbHomeId": "%DBHOME%", "dbSystemId": "%DBSYS%",
                 "lifecycleState": "AVAILABLE", "kmsKeyId": "%KEY%", "vaultId": "%VAULT%"}
              ],
              "pluggableDatabases": [
                {"id": "%PDB%", "compartmentId": "%C%", "pdbName": "pdb", "containerDatabaseId": "%DB%",
                 "lifecycleState": "AVAILABLE", "kmsKeyId": "%KEY%"}
              ],
              "dbSystems": [
                {"id": "%DBSYS%", "compartmentId": "%C%", "availabilityDomain": "%AD1%", "displayName": "dbsys",
                 "lifecycleState": "AVAILABLE", "shape": "VM.Standard2.1"}
              ],
              "dbHomes": [
                {"id": "%DBHOME%", "compartmentId": "%C%", "dbSystemId": "%DBSYS%", "displayName": "home",
                 "lifecycleState": "AVAILABLE", "dbVersion": "19.0.0.0"}
              ],
              "topics": [
                {"topicId": "%TOPIC%", "compartmentId": "%C%", "name": "cmk-alerts", "lifecycleState": "ACTIVE"}
              ]
            }
            """
            .replace("%VAULT%", VAULT).replace("%KEY%", KEY).replace("%KEY2%", KEY_2)
            .replace("%DISABLED%", DISABLED_KEY).replace("%VOL_ORACLE%", VOLUME_ORACLE_KEY)
            .replace("%VOL_CMK%", VOLUME_CMK).replace("%VOL_PROV%", VOLUME_PROVISIONING).replace("%BOOT%", BOOT_VOLUME)
            .replace("%VB%", VOLUME_BACKUP).replace("%VB_CREATING%", VOLUME_BACKUP_CREATING)
            .replace("%BVB%", BOOT_VOLUME_BACKUP).replace("%BVR%", BLOCK_VOLUME_REPLICA)
            .replace("%BOOTR%", BOOT_VOLUME_REPLICA).replace("%INSTANCE%", INSTANCE)
            .replace("%BVA%", BOOT_VOLUME_ATTACHMENT).replace("%ADB%", ADB).replace("%ADB_STOPPED%", ADB_STOPPED)
            .replace("%ACD%", ACD).replace("%DB%", DATABASE).replace("%PDB%", PDB).replace("%DBSYS%", DB_SYSTEM)
            .replace("%DBHOME%", DB_HOME).replace("%TOPIC%", TOPIC).replace("%OTHER%", OTHER_COMPARTMENT)
            .replace("%C%", COMPARTMENT).replace("%AD1%", AD1).replace("%AD2%", AD2);

    private TestWorld() {
    }

    static World world() {
        return World.parse(JSON);
    }
}
