package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BlockVolumeReplica;
import com.oracle.bmc.core.requests.GetBlockVolumeReplicaRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.Resource;

import java.util.Optional;

/** A block volume's replica (the source of a block volume replica activation). */
public final class BlockVolumeReplicaType extends ReplicaType {

    @Override
    public String name() {
        return "block-volume-replica";
    }

    @Override
    public String noun() {
        return "block volume replica";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("blockvolumereplica");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBlockVolumeReplica " + id, () -> clients.blockstorage()
                        .getBlockVolumeReplica(GetBlockVolumeReplicaRequest.builder().blockVolumeReplicaId(id).build())
                        .getBlockVolumeReplica())
                .map(r -> Answers.checked("GetBlockVolumeReplica " + id, id, r, BlockVolumeReplica::getId,
                        BlockVolumeReplica::getLifecycleState, BlockVolumeReplica::getCompartmentId))
                .map(r -> replica(r.getId(), r.getDisplayName(), r.getCompartmentId(),
                        Wire.value(r.getLifecycleState()), r.getKmsKeyId(), r.getBlockVolumeId(),
                        r.getFreeformTags()));
    }

    /** A replica's key is named on its volume's replica list (see BlockStorage.replicaListCommand). */
    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.empty();
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("block-volume-replicas", resource.id(), resource.region());
    }
}
