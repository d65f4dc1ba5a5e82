package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.BlockVolumeReplicaDetails;
import com.oracle.bmc.core.model.BlockVolumeReplicaInfo;
import com.oracle.bmc.core.model.UpdateBootVolumeBackupDetails;
import com.oracle.bmc.core.model.UpdateBootVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.UpdateVolumeBackupDetails;
import com.oracle.bmc.core.model.UpdateVolumeDetails;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.requests.*;
import com.oracle.bmc.core.responses.GetVolumeResponse;
import com.oracle.bmc.core.responses.UpdateVolumeKmsKeyResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class VolumeWritesTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private BlockstorageClient client;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
        client = Sdk.blockstorage(emulator, auth);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void kmsKeyPutIsSeenByLaterReads() {
        String etagBefore = getVolume(VOLUME_ORACLE_KEY).getEtag();
        UpdateVolumeKmsKeyResponse put = client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder()
                .volumeId(VOLUME_ORACLE_KEY)
                .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY).build())
                .build());
        assertEquals(KEY, put.getVolumeKmsKey().getKmsKeyId());

        GetVolumeResponse after = getVolume(VOLUME_ORACLE_KEY);
        assertEquals(KEY, after.getVolume().getKmsKeyId());
        assertEquals(put.getEtag(), after.getEtag());
        assertNotEquals(etagBefore, after.getEtag(), "a write changes the etag");
        assertEquals(KEY, client.getVolumeKmsKey(GetVolumeKmsKeyRequest.builder().volumeId(VOLUME_ORACLE_KEY).build())
                .getVolumeKmsKey().getKmsKeyId());

        RecordedRequest recorded = emulator.requests().get(1);
        assertEquals(new RecordedRequest("PUT", "/20160918/volumes/" + VOLUME_ORACLE_KEY + "/kmsKey", "", 200,
                keys.keyId()), recorded);
    }

    @Test
    void bootVolumeKeyCanBeSetAndRemoved() {
        client.updateBootVolumeKmsKey(UpdateBootVolumeKmsKeyRequest.builder().bootVolumeId(BOOT_VOLUME)
                .updateBootVolumeKmsKeyDetails(UpdateBootVolumeKmsKeyDetails.builder().kmsKeyId(KEY_2).build()).build());
        assertEquals(KEY_2, client.getBootVolumeKmsKey(GetBootVolumeKmsKeyRequest.builder().bootVolumeId(BOOT_VOLUME)
                .build()).getBootVolumeKmsKey().getKmsKeyId());

        client.deleteBootVolumeKmsKey(DeleteBootVolumeKmsKeyRequest.builder().bootVolumeId(BOOT_VOLUME).build());
        assertNull(client.getBootVolume(GetBootVolumeRequest.builder().bootVolumeId(BOOT_VOLUME).build())
                .getBootVolume().getKmsKeyId(), "deleting the key means Oracle-managed");
    }

    @Test
    void keyChangesAreRefusedLikeOci() {
        Sdk.assertFails(409, "IncorrectState", () -> putKey(VOLUME_PROVISIONING, KEY, null));
        Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> putKey(VOLUME_ORACLE_KEY, "ocid1.key.oc1..unknown", null));
        Sdk.assertFails(409, "IncorrectState", () -> putKey(VOLUME_ORACLE_KEY, DISABLED_KEY, null));
        Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> putKey("ocid1.volume.oc1..missing", KEY, null));
        Sdk.assertFails(412, "NoEtagMatch", () -> putKey(VOLUME_ORACLE_KEY, KEY, "stale-etag"));
        assertNull(getVolume(VOLUME_ORACLE_KEY).getVolume().getKmsKeyId(), "refused writes change nothing");

        putKey(VOLUME_ORACLE_KEY, KEY, getVolume(VOLUME_ORACLE_KEY).getEtag());
        assertEquals(KEY, getVolume(VOLUME_ORACLE_KEY).getVolume().getKmsKeyId(), "the current etag is accepted");
    }

    @Test
    void updateVolumeMergesDetailsAndTurnsReplicaDetailsIntoReplicaInfos() {
        Volume volume = client.updateVolume(UpdateVolumeRequest.builder().volumeId(VOLUME_CMK)
                .updateVolumeDetails(UpdateVolumeDetails.builder()
                        .displayName("renamed")
                        .freeformTags(Map.of("cmk", "yes"))
                        .blockVolumeReplicas(List.of(
                                BlockVolumeReplicaDetails.builder().availabilityDomain("Uocm:PHX-AD-1")
                                        .displayName("replica").xrrKmsKeyId("ocid1.key.oc1.phx.newkey").build(),
                                BlockVolumeReplicaDetails.builder().availabilityDomain("Uocm:SJC-AD-1")
                                        .xrrKmsKeyId("ocid1.key.oc1.sjc.key").build()))
                        .build())
                .build()).getVolume();
        assertEquals("renamed", volume.getDisplayName());
        assertEquals(Map.of("cmk", "yes"), volume.getFreeformTags());
        assertEquals(KEY, volume.getKmsKeyId(), "fields not in the update stay");
        List<BlockVolumeReplicaInfo> replicas = getVolume(VOLUME_CMK).getVolume().getBlockVolumeReplicas();
        assertEquals(2, replicas.size());
        assertEquals("ocid1.key.oc1.phx.newkey", replicas.get(0).getKmsKeyId());
        assertEquals(BLOCK_VOLUME_REPLICA, replicas.get(0).getBlockVolumeReplicaId(), "an existing replica keeps its id");
        assertEquals("ocid1.key.oc1.sjc.key", replicas.get(1).getKmsKeyId());
        assertNotNull(replicas.get(1).getBlockVolumeReplicaId());

        Sdk.assertFails(409, "IncorrectState", () -> client.updateVolume(UpdateVolumeRequest.builder()
                .volumeId(VOLUME_PROVISIONING).updateVolumeDetails(UpdateVolumeDetails.builder().displayName("x").build())
                .build()));
    }

    @Test
    void backupKeysFollowTheSameRules() {
        assertEquals(KEY_2, client.updateVolumeBackup(UpdateVolumeBackupRequest.builder().volumeBackupId(VOLUME_BACKUP)
                .updateVolumeBackupDetails(UpdateVolumeBackupDetails.builder().kmsKeyId(KEY_2).build()).build())
                .getVolumeBackup().getKmsKeyId());
        client.updateVolumeBackup(UpdateVolumeBackupRequest.builder().volumeBackupId(VOLUME_BACKUP)
                .updateVolumeBackupDetails(UpdateVolumeBackupDetails.builder().kmsKeyId("").displayName("b2").build())
                .build());
        var backup = client.getVolumeBackup(GetVolumeBackupRequest.builder().volumeBackupId(VOLUME_BACKUP).build())
                .getVolumeBackup();
        assertNull(backup.getKmsKeyId(), "an empty kmsKeyId means Oracle-managed");
        assertEquals("b2", backup.getDisplayName());

        Sdk.assertFails(409, "IncorrectState", () -> client.updateVolumeBackup(UpdateVolumeBackupRequest.builder()
                .volumeBackupId(VOLUME_BACKUP_CREATING)
                .updateVolumeBackupDetails(UpdateVolumeBackupDetails.builder().kmsKeyId(KEY).build()).build()));
        Sdk.assertFails(409, "IncorrectState", () -> client.updateBootVolumeBackup(UpdateBootVolumeBackupRequest
                .builder().bootVolumeBackupId(BOOT_VOLUME_BACKUP)
                .updateBootVolumeBackupDetails(UpdateBootVolumeBackupDetails.builder().kmsKeyId(DISABLED_KEY).build())
                .build()));
        Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> client.updateBootVolumeBackup(
                UpdateBootVolumeBackupRequest.builder().bootVolumeBackupId(BOOT_VOLUME_BACKUP)
                        .updateBootVolumeBackupDetails(UpdateBootVolumeBackupDetails.builder()
                                .kmsKeyId("ocid1.key.oc1..unknown").build()).build()));
        assertEquals(KEY, client.updateBootVolumeBackup(UpdateBootVolumeBackupRequest.builder()
                .bootVolumeBackupId(BOOT_VOLUME_BACKUP)
                .updateBootVolumeBackupDetails(UpdateBootVolumeBackupDetails.builder().kmsKeyId(KEY).build())
                .build()).getBootVolumeBackup().getKmsKeyId());
    }

    private GetVolumeResponse getVolume(String id) {
        return client.getVolume(GetVolumeRequest.builder().volumeId(id).build());
    }

    private void putKey(String volumeId, String keyId, String ifMatch) {
        client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(volumeId).ifMatch(ifMatch)
                .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(keyId).build()).build());
    }
}
