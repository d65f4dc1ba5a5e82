package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BlockVolumeReplica;
import com.oracle.bmc.core.requests.GetBlockVolumeReplicaRequest;
import com.oracle.bmc.core.responses.GetBlockVolumeReplicaResponse;
import io.cmkguard.resource.ResourceType;

/** A block volume's replica (the source of a block volume replica activation). */
final class BlockVolumeReplicaType {
    static final ResourceType TYPE = Replicas.declare("block-volume-replica", "block volume replica",
            "blockvolumereplica", "blockVolumeReplicas", "block-volume-replicas",
            new SdkGet<>("GetBlockVolumeReplica", (clients, id) -> clients.blockstorage().getBlockVolumeReplica(
                    GetBlockVolumeReplicaRequest.builder().blockVolumeReplicaId(id).build()),
                    GetBlockVolumeReplicaResponse::getBlockVolumeReplica, GetBlockVolumeReplicaResponse::getEtag,
                    BlockVolumeReplica::getId, BlockVolumeReplica::getLifecycleState,
                    BlockVolumeReplica::getCompartmentId),
            new Replicas.View<>(BlockVolumeReplica::getDisplayName, BlockVolumeReplica::getKmsKeyId,
                    BlockVolumeReplica::getBlockVolumeId, BlockVolumeReplica::getFreeformTags));

    private BlockVolumeReplicaType() {
    }
}
