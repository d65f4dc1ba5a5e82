package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BlockVolumeReplicaInfo;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.model.VolumeSourceDetails;
import com.oracle.bmc.core.model.VolumeSourceFromBlockVolumeReplicaDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeBackupDeltaDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeBackupDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeDetails;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.ListVolumesRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.core.responses.GetVolumeResponse;
import com.oracle.bmc.core.responses.ListVolumesResponse;
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

/** Block volumes, including clones, restores, replica activations and their cross-region replicas. */
final class BlockVolumeType {
    static final String NAME = "block-volume";

    static final ResourceType TYPE = Declared.named(NAME, "block volume")
            .identity(Identity.ocid("volume"))
            .collection("volumes")
            .events(BlockStorage.events("createvolume.end", "updatevolume", "updatevolume.end",
                    "updatevolumekmskey.end", "deletevolumekmskey.begin", "changevolumecompartment.end"))
            // OCI's catalogue has only the .begin of a key removal (there is no deletevolumekmskey.end)
            .keyRemovalEvents(BlockStorage.events("deletevolumekmskey.begin"))
            // a volume group clone or restore creates every member at once, block and boot volumes alike
            .parent(Parent.of(VolumeGroupMembers.EVENTS, Identity.ocid(VolumeGroupMembers.KIND),
                    (clients, event) -> VolumeGroupMembers.of(clients, event.resourceId())))
            .calls(Volumes.calls(NAME,
                    new SdkGet<>("GetVolume", (clients, id) -> clients.blockstorage().getVolume(
                            GetVolumeRequest.builder().volumeId(id).build()),
                            GetVolumeResponse::getVolume, GetVolumeResponse::getEtag,
                            Volume::getId, Volume::getLifecycleState, Volume::getCompartmentId),
                    new SdkList<>("ListVolumes", (clients, compartment) -> clients.blockstorage().getPaginators()
                            .listVolumesResponseIterator(ListVolumesRequest.builder().compartmentId(compartment).build()),
                            ListVolumesResponse::getItems,
                            Volume::getLifecycleState, Volume::getId),
                    new Volumes.View<>(Volume::getDisplayName, Volume::getKmsKeyId,
                            volume -> lineage(volume.getSourceDetails()), Volume::getFreeformTags,
                            Volume::getBlockVolumeReplicas,
                            new Volumes.ReplicaView<>(BlockVolumeReplicaInfo::getBlockVolumeReplicaId,
                                    BlockVolumeReplicaInfo::getDisplayName, BlockVolumeReplicaInfo::getAvailabilityDomain,
                                    BlockVolumeReplicaInfo::getKmsKeyId),
                            id -> CliCommand.oci("bv", "volume", "update").option("--volume-id", id),
                            "--block-volume-replicas")))
            .keyChange(SdkKeyWrite.once("UpdateVolumeKmsKey", (clients, id, ifMatch, key) -> clients.blockstorage()
                    .updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(id).ifMatch(ifMatch)
                            .retryConfiguration(OciCalls.WRITE_ONCE)
                            .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(key).build())
                            .build())))
            .fix((volume, key) -> Optional.of(CliCommand.oci("bv", "volume-kms-key", "update")
                    .option("--volume-id", volume.id()).option("--kms-key-id", key).render()))
            .prerequisite(BlockStorage.KEY_GRANT)
            .console(volume -> BlockStorage.console("volumes", volume.id(), volume.region()))
            .permissions("VOLUME_INSPECT", "VOLUME_READ", "VOLUME_UPDATE", "VOLUME_GROUP_INSPECT")
            // inspect volume-groups: a volume-group event is followed to its member volumes
            .iam(Iam.readOnly("read volumes", "inspect volume-groups").remediatedWith("use volumes")
                    .keyUsedBy(KeyUser.BLOCK_STORAGE))
            .build();

    private BlockVolumeType() {
    }

    static Optional<Lineage> lineage(VolumeSourceDetails source) {
        if (source instanceof VolumeSourceFromVolumeDetails s) {
            return Optional.of(new Lineage("cloned from", s.getId()));
        }
        if (source instanceof VolumeSourceFromVolumeBackupDetails s) {
            return Optional.of(new Lineage("restored from", s.getId()));
        }
        if (source instanceof VolumeSourceFromBlockVolumeReplicaDetails s) {
            return Optional.of(new Lineage("activated from replica", s.getId()));
        }
        if (source instanceof VolumeSourceFromVolumeBackupDeltaDetails s) {
            return Optional.of(new Lineage("restored from", s.getSecondBackupId()));
        }
        return Optional.empty();
    }
}
