package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BlockVolumeReplica;
import com.oracle.bmc.core.requests.GetBlockVolumeReplicaRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A block volume's replica, read as the source of a replica activation. No events name it (OCI
 * has none for replicas) and its key can only be set on the source volume.
 */
public final class BlockVolumeReplicaType implements ResourceType {

    @Override
    public String name() {
        return "block-volume-replica";
    }

    @Override
    public String noun() {
        return "block volume replica";
    }

    @Override
    public String ocidKind() {
        return "blockvolumereplica";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBlockVolumeReplica " + id, () -> clients.blockstorage()
                        .getBlockVolumeReplica(GetBlockVolumeReplicaRequest.builder().blockVolumeReplicaId(id).build())
                        .getBlockVolumeReplica())
                .map(this::toResource);
    }

    private Resource toResource(BlockVolumeReplica r) {
        return new Resource(name(), r.getId(), r.getDisplayName(), r.getCompartmentId(),
                BlockStorage.regionOf(r.getId()), BlockStorage.state(r.getLifecycleState()),
                Encryption.ofKmsKeyId(r.getKmsKeyId()), List.of(),
                Optional.ofNullable(r.getBlockVolumeId()).map(v -> new Lineage("replica of", v)),
                BlockStorage.tags(r.getFreeformTags()), "");
    }

    @Override
    public boolean keyChangeableInPlace() {
        return false;
    }

    @Override
    public String fixCommand(Resource resource, String keyId) {
        return "oci bv volume update --volume-id <source volume> --block-volume-replicas "
                + "'[{\"availabilityDomain\":\"<destination AD>\",\"xrrKmsKeyId\":\"" + keyId + "\"}]'";
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("block-volume-replicas", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VOLUME_INSPECT", "VOLUME_READ");
    }
}
