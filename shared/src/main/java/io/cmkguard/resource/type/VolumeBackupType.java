package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.UpdateVolumeBackupDetails;
import com.oracle.bmc.core.model.VolumeBackup;
import com.oracle.bmc.core.requests.GetVolumeBackupRequest;
import com.oracle.bmc.core.requests.ListVolumeBackupsRequest;
import com.oracle.bmc.core.requests.UpdateVolumeBackupRequest;
import com.oracle.bmc.core.responses.GetVolumeBackupResponse;
import com.oracle.bmc.core.responses.ListVolumeBackupsResponse;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.CliCommand;

import java.util.Optional;

/** Volume backups, including cross-region copies (which OCI puts on the Oracle key unless told). */
final class VolumeBackupType {
    static final String NAME = "volume-backup";

    static final ResourceType TYPE = Declared.named(NAME, "volume backup")
            .identity(Identity.ocid("volumebackup"))
            .collection("volumeBackups")
            .events(BlockStorage.events("createvolumebackup.end", "copyvolumebackup.end", "updatevolumebackup",
                    "changevolumebackupcompartment"))
            .ignoring(event -> BlockStorage.failedBackup(event, "createvolumebackup.end", "volume backup"))
            .calls(Backups.calls(NAME,
                    new SdkGet<>("GetVolumeBackup", (clients, id) -> clients.blockstorage().getVolumeBackup(
                            GetVolumeBackupRequest.builder().volumeBackupId(id).build()),
                            GetVolumeBackupResponse::getVolumeBackup, GetVolumeBackupResponse::getEtag,
                            VolumeBackup::getId, VolumeBackup::getLifecycleState, VolumeBackup::getCompartmentId),
                    new SdkList<>("ListVolumeBackups", (clients, compartment) -> clients.blockstorage().getPaginators()
                            .listVolumeBackupsResponseIterator(ListVolumeBackupsRequest.builder()
                                    .compartmentId(compartment).build()),
                            ListVolumeBackupsResponse::getItems,
                            VolumeBackup::getLifecycleState, VolumeBackup::getId),
                    new Backups.View<>(VolumeBackup::getDisplayName, VolumeBackup::getKmsKeyId,
                            VolumeBackup::getSourceVolumeBackupId, VolumeBackup::getVolumeId,
                            VolumeBackup::getFreeformTags)))
            .keyChange(SdkKeyWrite.once("UpdateVolumeBackup", (clients, id, ifMatch, key) -> clients.blockstorage()
                    .updateVolumeBackup(UpdateVolumeBackupRequest.builder().volumeBackupId(id).ifMatch(ifMatch)
                            .retryConfiguration(OciCalls.WRITE_ONCE)
                            .updateVolumeBackupDetails(UpdateVolumeBackupDetails.builder().kmsKeyId(key).build())
                            .build())))
            .fix((backup, key) -> Optional.of(CliCommand.oci("bv", "backup", "update")
                    .option("--volume-backup-id", backup.id()).option("--kms-key-id", key).render()))
            .prerequisite(BlockStorage.KEY_GRANT)
            .console(backup -> BlockStorage.console("volume-backups", backup.id(), backup.region()))
            .permissions("VOLUME_BACKUP_INSPECT", "VOLUME_BACKUP_READ", "VOLUME_BACKUP_UPDATE")
            .iam(Iam.readOnly("read volume-backups").remediatedWith("use volume-backups")
                    .keyUsedBy(KeyUser.BLOCK_STORAGE))
            .build();

    private VolumeBackupType() {
    }
}
