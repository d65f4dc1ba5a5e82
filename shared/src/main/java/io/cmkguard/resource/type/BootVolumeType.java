package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolume;
import com.oracle.bmc.core.model.BootVolumeReplicaInfo;
import com.oracle.bmc.core.model.BootVolumeSourceDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeBackupDeltaDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeBackupDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeReplicaDetails;
import com.oracle.bmc.core.model.UpdateBootVolumeKmsKeyDetails;
import com.oracle.bmc.core.requests.GetBootVolumeRequest;
import com.oracle.bmc.core.requests.ListBootVolumesRequest;
import com.oracle.bmc.core.requests.UpdateBootVolumeKmsKeyRequest;
import com.oracle.bmc.core.responses.GetBootVolumeResponse;
import com.oracle.bmc.core.responses.ListBootVolumesResponse;
import io.cmkguard.model.Lineage;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Parent;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.CliCommand;

import java.util.Optional;

/** Boot volumes: those born with an instance are found from its launch event through the instance. */
final class BootVolumeType {
    static final String NAME = "boot-volume";

    static final ResourceType TYPE = Declared.named(NAME, "boot volume")
            .identity(Identity.ocid("bootvolume"))
            .collection("bootVolumes")
            .events(BlockStorage.events("createbootvolume.end", "updatebootvolume.end",
                    "updatebootvolumekmskey.end", "deletebootvolumekmskey.begin", "changebootvolumecompartment.end"))
            // OCI's catalogue has only the .begin of a key removal (there is no deletebootvolumekmskey.end)
            .keyRemovalEvents(BlockStorage.events("deletebootvolumekmskey.begin"))
            .parent(Parent.of(InstanceBootVolumes.EVENTS, Identity.ocid(InstanceBootVolumes.KIND),
                    (clients, event) -> InstanceBootVolumes.of(clients, event.resourceId())))
            .calls(Volumes.calls(NAME,
                    new SdkGet<>("GetBootVolume", (clients, id) -> clients.blockstorage().getBootVolume(
                            GetBootVolumeRequest.builder().bootVolumeId(id).build()),
                            GetBootVolumeResponse::getBootVolume, GetBootVolumeResponse::getEtag,
                            BootVolume::getId, BootVolume::getLifecycleState, BootVolume::getCompartmentId),
                    // without an availability domain ListBootVolumes answers every AD of the region
                    new SdkList<>("ListBootVolumes", (clients, compartment) -> clients.blockstorage().getPaginators()
                            .listBootVolumesResponseIterator(ListBootVolumesRequest.builder()
                                    .compartmentId(compartment).build()),
                            ListBootVolumesResponse::getItems,
                            BootVolume::getLifecycleState, BootVolume::getId),
                    new Volumes.View<>(BootVolume::getDisplayName, BootVolume::getKmsKeyId,
                            volume -> lineage(volume.getSourceDetails()), BootVolume::getFreeformTags,
                            BootVolume::getBootVolumeReplicas,
                            new Volumes.ReplicaView<>(BootVolumeReplicaInfo::getBootVolumeReplicaId,
                                    BootVolumeReplicaInfo::getDisplayName, BootVolumeReplicaInfo::getAvailabilityDomain,
                                    BootVolumeReplicaInfo::getKmsKeyId),
                            id -> CliCommand.oci("bv", "boot-volume", "update").option("--boot-volume-id", id),
                            "--boot-volume-replicas")))
            .keyChange(SdkKeyWrite.once("UpdateBootVolumeKmsKey", (clients, id, ifMatch, key) -> clients.blockstorage()
                    .updateBootVolumeKmsKey(UpdateBootVolumeKmsKeyRequest.builder().bootVolumeId(id).ifMatch(ifMatch)
                            .retryConfiguration(OciCalls.WRITE_ONCE)
                            .updateBootVolumeKmsKeyDetails(UpdateBootVolumeKmsKeyDetails.builder().kmsKeyId(key).build())
                            .build())))
            .fix((volume, key) -> Optional.of(CliCommand.oci("bv", "boot-volume-kms-key", "update")
                    .option("--boot-volume-id", volume.id()).option("--kms-key-id", key).render()))
            .prerequisite(BlockStorage.KEY_GRANT)
            .console(volume -> BlockStorage.console("boot-volumes", volume.id(), volume.region()))
            .permissions("VOLUME_INSPECT", "VOLUME_READ", "VOLUME_UPDATE", "INSTANCE_READ", "VOLUME_ATTACHMENT_INSPECT")
            .iam(Iam.readOnly("read volumes", "read instances", "inspect volume-attachments")
                    .remediatedWith("use volumes").keyUsedBy(KeyUser.BLOCK_STORAGE))
            .build();

    private BootVolumeType() {
    }

    private static Optional<Lineage> lineage(BootVolumeSourceDetails source) {
        if (source instanceof BootVolumeSourceFromBootVolumeDetails s) {
            return Optional.of(new Lineage("cloned from", s.getId()));
        }
        if (source instanceof BootVolumeSourceFromBootVolumeBackupDetails s) {
            return Optional.of(new Lineage("restored from", s.getId()));
        }
        if (source instanceof BootVolumeSourceFromBootVolumeReplicaDetails s) {
            return Optional.of(new Lineage("activated from replica", s.getId()));
        }
        if (source instanceof BootVolumeSourceFromBootVolumeBackupDeltaDetails s) {
            return Optional.of(new Lineage("restored from", s.getSecondBackupId()));
        }
        return Optional.empty();
    }
}
