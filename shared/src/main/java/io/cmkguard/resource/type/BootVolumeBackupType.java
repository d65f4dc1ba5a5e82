package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeBackup;
import com.oracle.bmc.core.model.UpdateBootVolumeBackupDetails;
import com.oracle.bmc.core.requests.GetBootVolumeBackupRequest;
import com.oracle.bmc.core.requests.ListBootVolumeBackupsRequest;
import com.oracle.bmc.core.requests.UpdateBootVolumeBackupRequest;
import com.oracle.bmc.core.responses.GetBootVolumeBackupResponse;
import com.oracle.bmc.core.responses.ListBootVolumeBackupsResponse;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.CliCommand;

import java.util.Optional;

/** Boot volume backups, including cross-region copies. */
final class BootVolumeBackupType {
    static final String NAME = "boot-volume-backup";

    static final ResourceType TYPE = Declared.named(NAME, "boot volume backup")
            .identity(Identity.ocid("bootvolumebackup"))
            .collection("bootVolumeBackups")
            .events(BlockStorage.events("createbootvolumebackup.end", "copybootvolumebackup.end",
                    "updatebootvolumebackup", "changebootvolumebackupcompartment"))
            .ignoring(event -> BlockStorage.failedBackup(event, "createbootvolumebackup.end", "boot volume backup"))
            .calls(Backups.calls(NAME,
                    new SdkGet<>("GetBootVolumeBackup", (clients, id) -> clients.blockstorage().getBootVolumeBackup(
                            GetBootVolumeBackupRequest.builder().bootVolumeBackupId(id).build()),
                            GetBootVolumeBackupResponse::getBootVolumeBackup, GetBootVolumeBackupResponse::getEtag,
                            BootVolumeBackup::getId, BootVolumeBackup::getLifecycleState,
                            BootVolumeBackup::getCompartmentId),
                    new SdkList<>("ListBootVolumeBackups", (clients, compartment) -> clients.blockstorage()
                            .getPaginators().listBootVolumeBackupsResponseIterator(ListBootVolumeBackupsRequest.builder()
                                    .compartmentId(compartment).build()),
                            ListBootVolumeBackupsResponse::getItems,
                            BootVolumeBackup::getLifecycleState, BootVolumeBackup::getId),
                    new Backups.View<>(BootVolumeBackup::getDisplayName, BootVolumeBackup::getKmsKeyId,
                            BootVolumeBackup::getSourceBootVolumeBackupId, BootVolumeBackup::getBootVolumeId,
                            BootVolumeBackup::getFreeformTags)))
            .keyChange(SdkKeyWrite.once("UpdateBootVolumeBackup", (clients, id, ifMatch, key) -> clients.blockstorage()
                    .updateBootVolumeBackup(UpdateBootVolumeBackupRequest.builder().bootVolumeBackupId(id)
                            .ifMatch(ifMatch)
                            .retryConfiguration(OciCalls.WRITE_ONCE)
                            .updateBootVolumeBackupDetails(UpdateBootVolumeBackupDetails.builder().kmsKeyId(key).build())
                            .build())))
            .fix((backup, key) -> Optional.of(CliCommand.oci("bv", "boot-volume-backup", "update")
                    .option("--boot-volume-backup-id", backup.id()).option("--kms-key-id", key).render()))
            .prerequisite(BlockStorage.KEY_GRANT)
            .console(backup -> BlockStorage.console("boot-volume-backups", backup.id(), backup.region()))
            .permissions("BOOT_VOLUME_BACKUP_INSPECT", "BOOT_VOLUME_BACKUP_READ", "BOOT_VOLUME_BACKUP_UPDATE")
            .iam(Iam.readOnly("read boot-volume-backups").remediatedWith("use boot-volume-backups")
                    .keyUsedBy(KeyUser.BLOCK_STORAGE))
            .build();

    private BootVolumeBackupType() {
    }
}
