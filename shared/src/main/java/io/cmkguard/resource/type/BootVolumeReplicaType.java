package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeReplica;
import com.oracle.bmc.core.requests.GetBootVolumeReplicaRequest;
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
 * A boot volume's replica, read as the source of a replica activation. No events name it (OCI
 * has none for replicas) and its key can only be set on the source boot volume.
 */
public final class BootVolumeReplicaType implements ResourceType {

    @Override
    public String name() {
        return "boot-volume-replica";
    }

    @Override
    public String noun() {
        return "boot volume replica";
    }

    @Override
    public String ocidKind() {
        return "bootvolumereplica";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBootVolumeReplica " + id, () -> clients.blockstorage()
                        .getBootVolumeReplica(GetBootVolumeReplicaRequest.builder().bootVolumeReplicaId(id).build())
                        .getBootVolumeReplica())
                .map(this::toResource);
    }

    private Resource toResource(BootVolumeReplica r) {
        return new Resource(name(), r.getId(), r.getDisplayName(), r.getCompartmentId(),
                BlockStorage.regionOf(r.getId()), BlockStorage.state(r.getLifecycleState()),
                Encryption.ofKmsKeyId(r.getKmsKeyId()), List.of(),
                Optional.ofNullable(r.getBootVolumeId()).map(v -> new Lineage("replica of", v)),
                BlockStorage.tags(r.getFreeformTags()), "");
    }

    @Override
    public boolean keyChangeableInPlace() {
        return false;
    }

    @Override
    public String fixCommand(Resource resource, String keyId) {
        return "oci bv boot-volume update --boot-volume-id <source boot volume> --boot-volume-replicas "
                + "'[{\"availabilityDomain\":\"<destination AD>\",\"xrrKmsKeyId\":\"" + keyId + "\"}]'";
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("boot-volume-replicas", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VOLUME_INSPECT", "VOLUME_READ");
    }
}
