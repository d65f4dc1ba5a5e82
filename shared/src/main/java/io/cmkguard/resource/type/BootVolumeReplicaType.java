package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeReplica;
import com.oracle.bmc.core.requests.GetBootVolumeReplicaRequest;
import com.oracle.bmc.core.responses.GetBootVolumeReplicaResponse;
import io.cmkguard.resource.ResourceType;

/** A boot volume's replica (the source of a boot volume replica activation). */
final class BootVolumeReplicaType {
    static final ResourceType TYPE = Replicas.declare("boot-volume-replica", "boot volume replica",
            "bootvolumereplica", "bootVolumeReplicas", "boot-volume-replicas",
            new SdkGet<>("GetBootVolumeReplica", (clients, id) -> clients.blockstorage().getBootVolumeReplica(
                    GetBootVolumeReplicaRequest.builder().bootVolumeReplicaId(id).build()),
                    GetBootVolumeReplicaResponse::getBootVolumeReplica, GetBootVolumeReplicaResponse::getEtag,
                    BootVolumeReplica::getId, BootVolumeReplica::getLifecycleState,
                    BootVolumeReplica::getCompartmentId),
            new Replicas.View<>(BootVolumeReplica::getDisplayName, BootVolumeReplica::getKmsKeyId,
                    BootVolumeReplica::getBootVolumeId, BootVolumeReplica::getFreeformTags));

    private BootVolumeReplicaType() {
    }
}
