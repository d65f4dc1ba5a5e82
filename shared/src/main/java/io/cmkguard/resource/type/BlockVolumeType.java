package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.model.VolumeSourceDetails;
import com.oracle.bmc.core.model.VolumeSourceFromBlockVolumeReplicaDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeBackupDeltaDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeBackupDetails;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeDetails;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.core.requests.ListVolumesRequest;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Replica;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Block volumes, including clones, restores, replica activations and their cross-region replicas. */
public final class BlockVolumeType implements ResourceType {

    @Override
    public String name() {
        return "block-volume";
    }

    @Override
    public String noun() {
        return "block volume";
    }

    @Override
    public String ocidKind() {
        return "volume";
    }

    @Override
    public Set<String> eventTypes() {
        return BlockStorage.events("createvolume.end", "updatevolume", "updatevolume.end",
                "updatevolumekmskey.end", "deletevolumekmskey.begin", "deletevolumekmskey.end");
    }

    @Override
    public Set<String> keyRemovalEventTypes() {
        return BlockStorage.events("deletevolumekmskey.begin", "deletevolumekmskey.end");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetVolume " + id,
                () -> clients.blockstorage().getVolume(GetVolumeRequest.builder().volumeId(id).build()))
                .map(response -> toResource(response.getVolume(), response.getEtag()));
    }

    private Resource toResource(Volume v, String etag) {
        List<Replica> replicas = v.getBlockVolumeReplicas() == null ? List.of() : v.getBlockVolumeReplicas()
                .stream()
                .map(r -> new Replica(r.getBlockVolumeReplicaId(), r.getDisplayName(), r.getAvailabilityDomain(),
                        Encryption.ofKmsKeyId(r.getKmsKeyId()), "oci bv volume update --volume-id " + v.getId()
                        + BlockStorage.replicaKeyOption("--block-volume-replicas", r.getAvailabilityDomain())))
                .toList();
        return new Resource(name(), v.getId(), v.getDisplayName(), v.getCompartmentId(),
                Wire.regionOf(v.getId()), Wire.value(v.getLifecycleState()),
                Encryption.ofKmsKeyId(v.getKmsKeyId()), replicas, lineage(v.getSourceDetails()),
                Wire.tags(v.getFreeformTags()), etag);
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

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListVolumesRequest request = ListVolumesRequest.builder().compartmentId(compartmentId).build();
        return Listing.liveIds("ListVolumes " + compartmentId,
                () -> clients.blockstorage().getPaginators().listVolumesRecordIterator(request),
                v -> Wire.value(v.getLifecycleState()), Volume::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("UpdateVolumeKmsKey " + resource.id(), () -> clients.blockstorage().updateVolumeKmsKey(
                UpdateVolumeKmsKeyRequest.builder()
                        .volumeId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public String fixCommand(Resource resource, String keyId) {
        return "oci bv volume-kms-key update --volume-id " + resource.id() + " --kms-key-id " + keyId;
    }

    @Override
    public Optional<String> prerequisite() {
        return BlockStorage.KEY_GRANT;
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("volumes", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VOLUME_INSPECT", "VOLUME_READ", "VOLUME_UPDATE");
    }
}
