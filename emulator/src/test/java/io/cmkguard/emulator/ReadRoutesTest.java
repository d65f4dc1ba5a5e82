package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.core.model.BootVolumeAttachment;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeDetails;
import com.oracle.bmc.core.requests.*;
import com.oracle.bmc.core.responses.GetVolumeResponse;
import com.oracle.bmc.database.DatabaseClient;
import com.oracle.bmc.database.model.DatabaseSummary;
import com.oracle.bmc.database.requests.*;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import com.oracle.bmc.keymanagement.requests.ListVaultsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class ReadRoutesTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void volumesReadLikeOci() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            GetVolumeResponse response = client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build());
            Volume volume = response.getVolume();
            assertEquals(KEY, volume.getKmsKeyId());
            assertEquals(Volume.LifecycleState.Available, volume.getLifecycleState());
            assertEquals(100L, volume.getSizeInGBs());
            assertInstanceOf(VolumeSourceFromVolumeDetails.class, volume.getSourceDetails());
            assertEquals("ocid1.key.oc1.phx.remote", volume.getBlockVolumeReplicas().get(0).getKmsKeyId());
            assertNotNull(response.getEtag(), "GET answers an etag header");
            assertNotNull(response.getOpcRequestId());

            List<Volume> inAd1 = client.listVolumes(ListVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).availabilityDomain(AD1).build()).getItems();
            assertEquals(List.of(VOLUME_ORACLE_KEY, VOLUME_CMK), inAd1.stream().map(Volume::getId).toList());
            List<Volume> provisioning = client.listVolumes(ListVolumesRequest.builder().compartmentId(COMPARTMENT)
                    .lifecycleState(Volume.LifecycleState.Provisioning).limit(10).build()).getItems();
            assertEquals(List.of(VOLUME_PROVISIONING), provisioning.stream().map(Volume::getId).toList());
        }
    }

    @Test
    void otherBlockStorageCollectionsRead() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            assertEquals(47L, client.getBootVolume(GetBootVolumeRequest.builder().bootVolumeId(BOOT_VOLUME).build())
                    .getBootVolume().getSizeInGBs());
            assertEquals(1, client.listBootVolumes(ListBootVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).availabilityDomain(AD1).build()).getItems().size());
            assertEquals(KEY, client.getVolumeBackup(GetVolumeBackupRequest.builder().volumeBackupId(VOLUME_BACKUP)
                    .build()).getVolumeBackup().getKmsKeyId());
            assertEquals(List.of(VOLUME_BACKUP), client.listVolumeBackups(ListVolumeBackupsRequest.builder()
                    .compartmentId(COMPARTMENT).volumeId(VOLUME_CMK).build()).getItems().stream()
                    .map(b -> b.getId()).toList());
            assertEquals(BOOT_VOLUME, client.getBootVolumeBackup(GetBootVolumeBackupRequest.builder()
                    .bootVolumeBackupId(BOOT_VOLUME_BACKUP).build()).getBootVolumeBackup().getBootVolumeId());
            assertEquals(1, client.listBootVolumeBackups(ListBootVolumeBackupsRequest.builder()
                    .compartmentId(COMPARTMENT).bootVolumeId(BOOT_VOLUME).build()).getItems().size());
            assertEquals(VOLUME_CMK, client.getBlockVolumeReplica(GetBlockVolumeReplicaRequest.builder()
                    .blockVolumeReplicaId(BLOCK_VOLUME_REPLICA).build()).getBlockVolumeReplica().getBlockVolumeId());
            assertEquals(1, client.listBlockVolumeReplicas(ListBlockVolumeReplicasRequest.builder()
                    .compartmentId(COMPARTMENT).availabilityDomain("Uocm:PHX-AD-1").build()).getItems().size());
            assertEquals(BOOT_VOLUME, client.getBootVolumeReplica(GetBootVolumeReplicaRequest.builder()
                    .bootVolumeReplicaId(BOOT_VOLUME_REPLICA).build()).getBootVolumeReplica().getBootVolumeId());
            assertEquals(1, client.listBootVolumeReplicas(ListBootVolumeReplicasRequest.builder()
                    .compartmentId(COMPARTMENT).availabilityDomain("Uocm:PHX-AD-1").build()).getItems().size());
        }
    }

    @Test
    void computeReadsIncludingTheTrailingSlashListPath() {
        try (ComputeClient client = Sdk.compute(emulator, auth)) {
            assertEquals("vm", client.getInstance(GetInstanceRequest.builder().instanceId(INSTANCE).build())
                    .getInstance().getDisplayName());
            assertEquals(1, client.listInstances(ListInstancesRequest.builder().compartmentId(COMPARTMENT).build())
                    .getItems().size());
            List<BootVolumeAttachment> attachments = client.listBootVolumeAttachments(
                    ListBootVolumeAttachmentsRequest.builder().availabilityDomain(AD1).compartmentId(COMPARTMENT)
                            .instanceId(INSTANCE).build()).getItems();
            assertEquals(List.of(BOOT_VOLUME), attachments.stream().map(BootVolumeAttachment::getBootVolumeId).toList());
            assertTrue(client.listBootVolumeAttachments(ListBootVolumeAttachmentsRequest.builder()
                    .availabilityDomain(AD1).compartmentId(COMPARTMENT).instanceId("ocid1.instance.oc1..none").build())
                    .getItems().isEmpty(), "the instanceId filter excludes other instances");
            assertEquals(INSTANCE, client.getBootVolumeAttachment(GetBootVolumeAttachmentRequest.builder()
                    .bootVolumeAttachmentId(BOOT_VOLUME_ATTACHMENT).build()).getBootVolumeAttachment().getInstanceId());
        }
    }

    @Test
    void databaseFamilyReads() {
        try (DatabaseClient client = Sdk.database(emulator, auth)) {
            assertEquals("adb", client.getAutonomousDatabase(GetAutonomousDatabaseRequest.builder()
                    .autonomousDatabaseId(ADB).build()).getAutonomousDatabase().getDbName());
            assertEquals(2, client.listAutonomousDatabases(ListAutonomousDatabasesRequest.builder()
                    .compartmentId(COMPARTMENT).build()).getItems().size());
            assertEquals(KEY, client.getAutonomousContainerDatabase(GetAutonomousContainerDatabaseRequest.builder()
                    .autonomousContainerDatabaseId(ACD).build()).getAutonomousContainerDatabase().getKmsKeyId());
            assertEquals(1, client.listAutonomousContainerDatabases(ListAutonomousContainerDatabasesRequest.builder()
                    .compartmentId(COMPARTMENT).build()).getItems().size());
            assertEquals(VAULT, client.getDatabase(GetDatabaseRequest.builder().databaseId(DATABASE).build())
                    .getDatabase().getVaultId());
            assertEquals(List.of(DATABASE), client.listDatabases(ListDatabasesRequest.builder()
                    .compartmentId(COMPARTMENT).dbHomeId(DB_HOME).build()).getItems().stream()
                    .map(DatabaseSummary::getId).toList());
            assertEquals(1, client.listDatabases(ListDatabasesRequest.builder()
                    .compartmentId(COMPARTMENT).systemId(DB_SYSTEM).build()).getItems().size(),
                    "ListDatabases' systemId filters on dbSystemId");
            assertEquals(DATABASE, client.getPluggableDatabase(GetPluggableDatabaseRequest.builder()
                    .pluggableDatabaseId(PDB).build()).getPluggableDatabase().getContainerDatabaseId());
            assertEquals(1, client.listPluggableDatabases(ListPluggableDatabasesRequest.builder()
                    .compartmentId(COMPARTMENT).databaseId(DATABASE).build()).getItems().size());
            assertEquals("dbsys", client.getDbSystem(GetDbSystemRequest.builder().dbSystemId(DB_SYSTEM).build())
                    .getDbSystem().getDisplayName());
            assertEquals(1, client.listDbSystems(ListDbSystemsRequest.builder().compartmentId(COMPARTMENT).build())
                    .getItems().size());
            assertEquals(DB_SYSTEM, client.getDbHome(GetDbHomeRequest.builder().dbHomeId(DB_HOME).build())
                    .getDbHome().getDbSystemId());
            assertEquals(1, client.listDbHomes(ListDbHomesRequest.builder().compartmentId(COMPARTMENT)
                    .dbSystemId(DB_SYSTEM).build()).getItems().size());
        }
    }

    @Test
    void vaultEndpointsPointBackAtTheEmulatorSoKeysCanBeRead() {
        try (KmsVaultClient vaults = Sdk.vaults(emulator, auth)) {
            Vault vault = vaults.getVault(GetVaultRequest.builder().vaultId(VAULT).build()).getVault();
            assertEquals(emulator.baseUrl(), vault.getManagementEndpoint());
            assertEquals(emulator.baseUrl(), vault.getCryptoEndpoint());
            assertEquals(1, vaults.listVaults(ListVaultsRequest.builder().compartmentId(COMPARTMENT).build())
                    .getItems().size());
            try (KmsManagementClient keyClient = Sdk.keys(vault.getManagementEndpoint(), auth)) {
                Key key = keyClient.getKey(GetKeyRequest.builder().keyId(DISABLED_KEY).build()).getKey();
                assertEquals(Key.LifecycleState.Disabled, key.getLifecycleState());
                assertEquals(VAULT, key.getVaultId());
            }
        }
    }

    @Test
    void missingResourceIsNotAuthorizedOrNotFound() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            Sdk.assertFails(404, "NotAuthorizedOrNotFound",
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId("ocid1.volume.oc1..missing").build()));
        }
        assertEquals(404, emulator.requests().get(0).status());
    }

    @Test
    void listWithoutCompartmentAndUnknownRoutesAreRefused() throws Exception {
        RawRequests raw = new RawRequests(emulator);
        HttpResponse<String> noCompartment = raw.send(raw.signed("GET", "/20160918/volumes?availabilityDomain=x",
                keys.keyId(), keys.privateKey()));
        assertEquals(400, noCompartment.statusCode());
        assertTrue(noCompartment.body().contains("MissingParameter"), noCompartment.body());

        HttpResponse<String> unknown = raw.send(raw.signed("GET", "/20160918/widgets/abc", keys.keyId(),
                keys.privateKey()));
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"code\":\"NotFound\",\"message\":\"no emulator route for GET /20160918/widgets/abc\"}",
                unknown.body());
        assertTrue(unknown.headers().firstValue("opc-request-id").isPresent());

        HttpResponse<String> wrongVersion = raw.send(raw.signed("GET", "/20180608/volumes/" + VOLUME_CMK,
                keys.keyId(), keys.privateKey()));
        assertEquals(404, wrongVersion.statusCode(), "volumes are not served under the KMS version");
    }
}
