package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.UpdateVolumeBackupDetails;
import com.oracle.bmc.core.model.VolumeBackup;
import com.oracle.bmc.core.requests.GetVolumeBackupRequest;
import com.oracle.bmc.core.requests.UpdateVolumeBackupRequest;
import com.oracle.bmc.core.requests.ListVolumeBackupsRequest;
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

/** Volume backups, including cross-region copies (which OCI puts on the Oracle key unless told). */
public final class VolumeBackupType implements ResourceType {

    @Override
    public String name() {
        return "volume-backup";
    }

    @Override
    public String noun() {
        return "volume backup";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("volumebackup");
    }

    @Override
    public Set<String> eventTypes() {
        return BlockStorage.events("createvolumebackup.end", "copyvolumebackup.end", "updatevolumebackup",
                "changevolumebackupcompartment");
    }

    @Override
    public Optional<String> ignoredBecause(OciEvent event) {
        return BlockStorage.failedBackup(event, "createvolumebackup.end", noun());
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetVolumeBackup " + id, () -> clients.blockstorage()
                        .getVolumeBackup(GetVolumeBackupRequest.builder().volumeBackupId(id).build()))
                .map(response -> toResource(Answers.checked("GetVolumeBackup " + id, id, response.getVolumeBackup(),
                        VolumeBackup::getId, VolumeBackup::getLifecycleState, VolumeBackup::getCompartmentId),
                        response.getEtag()));
    }

    private Resource toResource(VolumeBackup b, String etag) {
        Optional<Lineage> lineage = b.getSourceVolumeBackupId() != null
                ? Optional.of(new Lineage("copied from", b.getSourceVolumeBackupId()))
                : Optional.ofNullable(b.getVolumeId()).map(v -> new Lineage("backed up from", v));
        return new Resource(name(), b.getId(), b.getDisplayName(), b.getCompartmentId(),
                Wire.regionOf(b.getId()), Wire.value(b.getLifecycleState()),
                Encryption.ofKmsKeyId(b.getKmsKeyId()), List.of(), lineage,
                Wire.tags(b.getFreeformTags()), etag);
    }

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListVolumeBackupsRequest request = ListVolumeBackupsRequest.builder().compartmentId(compartmentId).build();
        return Listing.liveIds("ListVolumeBackups " + compartmentId,
                () -> clients.blockstorage().getPaginators().listVolumeBackupsRecordIterator(request),
                b -> Wire.value(b.getLifecycleState()), VolumeBackup::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("UpdateVolumeBackup " + resource.id(), () -> clients.blockstorage().updateVolumeBackup(
                UpdateVolumeBackupRequest.builder()
                        .volumeBackupId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateVolumeBackupDetails(UpdateVolumeBackupDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci bv backup update --volume-backup-id " + resource.id() + " --kms-key-id " + keyId);
    }

    @Override
    public Optional<String> prerequisite() {
        return BlockStorage.KEY_GRANT;
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("volume-backups", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VOLUME_BACKUP_INSPECT", "VOLUME_BACKUP_READ", "VOLUME_BACKUP_UPDATE");
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read volume-backups").remediatedWith("use volume-backups")
                .keyUsedBy(KeyUser.BLOCK_STORAGE);
    }
}
