package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeBackup;
import com.oracle.bmc.core.model.UpdateBootVolumeBackupDetails;
import com.oracle.bmc.core.requests.GetBootVolumeBackupRequest;
import com.oracle.bmc.core.requests.UpdateBootVolumeBackupRequest;
import com.oracle.bmc.core.requests.ListBootVolumeBackupsRequest;
import io.cmkguard.event.OciEvent;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Boot volume backups, including cross-region copies. */
public final class BootVolumeBackupType implements ResourceType {

    @Override
    public String name() {
        return "boot-volume-backup";
    }

    @Override
    public String noun() {
        return "boot volume backup";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("bootvolumebackup");
    }

    @Override
    public Set<String> eventTypes() {
        return BlockStorage.events("createbootvolumebackup.end", "copybootvolumebackup.end",
                "updatebootvolumebackup", "changebootvolumebackupcompartment");
    }

    @Override
    public Optional<String> ignoredBecause(OciEvent event) {
        return BlockStorage.failedBackup(event, "createbootvolumebackup.end", noun());
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBootVolumeBackup " + id, () -> clients.blockstorage()
                        .getBootVolumeBackup(GetBootVolumeBackupRequest.builder().bootVolumeBackupId(id).build()))
                .map(response -> toResource(Answers.checked("GetBootVolumeBackup " + id, id,
                        response.getBootVolumeBackup(), BootVolumeBackup::getId, BootVolumeBackup::getLifecycleState,
                        BootVolumeBackup::getCompartmentId), response.getEtag()));
    }

    private Resource toResource(BootVolumeBackup b, String etag) {
        Optional<Lineage> lineage = b.getSourceBootVolumeBackupId() != null
                ? Optional.of(new Lineage("copied from", b.getSourceBootVolumeBackupId()))
                : Optional.ofNullable(b.getBootVolumeId()).map(v -> new Lineage("backed up from", v));
        return new Resource(name(), b.getId(), b.getDisplayName(), b.getCompartmentId(),
                Wire.regionOf(b.getId()), Wire.value(b.getLifecycleState()),
                Encryption.ofKmsKeyId(b.getKmsKeyId()), List.of(), lineage,
                Wire.tags(b.getFreeformTags()), etag);
    }

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListBootVolumeBackupsRequest request = ListBootVolumeBackupsRequest.builder()
                .compartmentId(compartmentId).build();
        return Listing.liveIds("ListBootVolumeBackups " + compartmentId,
                () -> clients.blockstorage().getPaginators().listBootVolumeBackupsRecordIterator(request),
                b -> Wire.value(b.getLifecycleState()), BootVolumeBackup::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("UpdateBootVolumeBackup " + resource.id(), () -> clients.blockstorage().updateBootVolumeBackup(
                UpdateBootVolumeBackupRequest.builder()
                        .bootVolumeBackupId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateBootVolumeBackupDetails(
                                UpdateBootVolumeBackupDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci bv boot-volume-backup update --boot-volume-backup-id " + resource.id()
                + " --kms-key-id " + keyId);
    }

    @Override
    public Optional<String> prerequisite() {
        return BlockStorage.KEY_GRANT;
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("boot-volume-backups", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("BOOT_VOLUME_BACKUP_INSPECT", "BOOT_VOLUME_BACKUP_READ", "BOOT_VOLUME_BACKUP_UPDATE");
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read boot-volume-backups").remediatedWith("use boot-volume-backups")
                .keyUsedBy(KeyUser.BLOCK_STORAGE);
    }
}
