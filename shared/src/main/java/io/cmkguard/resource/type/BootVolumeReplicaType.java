package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeReplica;
import com.oracle.bmc.core.requests.GetBootVolumeReplicaRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.Resource;

import java.util.Optional;

/** A boot volume's replica (the source of a boot volume replica activation). */
public final class BootVolumeReplicaType extends ReplicaType {

    @Override
    public String name() {
        return "boot-volume-replica";
    }

    @Override
    public String noun() {
        return "boot volume replica";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("bootvolumereplica");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBootVolumeReplica " + id, () -> clients.blockstorage()
                        .getBootVolumeReplica(GetBootVolumeReplicaRequest.builder().bootVolumeReplicaId(id).build())
                        .getBootVolumeReplica())
                .map(r -> Answers.checked("GetBootVolumeReplica " + id, id, r, BootVolumeReplica::getId,
                        BootVolumeReplica::getLifecycleState, BootVolumeReplica::getCompartmentId))
                .map(r -> replica(r.getId(), r.getDisplayName(), r.getCompartmentId(),
                        Wire.value(r.getLifecycleState()), r.getKmsKeyId(), r.getBootVolumeId(),
                        r.getFreeformTags()));
    }

    /** A replica's key is named on its volume's replica list (see BlockStorage.replicaListCommand). */
    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.empty();
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("boot-volume-replicas", resource.id(), resource.region());
    }
}
