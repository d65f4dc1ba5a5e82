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
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.core.requests.ListVolumesRequest;
import io.cmkguard.event.OciEvent;
import io.cmkguard.resource.Listing;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Replica;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.HashSet;
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
    public Identity identity() {
        return Identity.ocid("volume");
    }

    @Override
    public Set<String> eventTypes() {
        Set<String> all = new HashSet<>(BlockStorage.events("createvolume.end", "updatevolume", "updatevolume.end",
                "updatevolumekmskey.end", "deletevolumekmskey.begin", "changevolumecompartment.end"));
        all.addAll(VolumeGroupMembers.EVENTS);
        return Set.copyOf(all);
    }

    /** OCI's catalogue has only the .begin of a key removal (there is no deletevolumekmskey.end). */
    @Override
    public Set<String> keyRemovalEventTypes() {
        return BlockStorage.events("deletevolumekmskey.begin");
    }

    @Override
    public Identity subject(String eventType) {
        return VolumeGroupMembers.EVENTS.contains(eventType) ? Identity.ocid(VolumeGroupMembers.KIND) : identity();
    }

    /** A volume group event asks for every member volume (a group clone or restore creates them all). */
    @Override
    public List<String> resourceIds(OciEvent event, OciClients clients) {
        return VolumeGroupMembers.EVENTS.contains(event.eventType())
                ? VolumeGroupMembers.of(clients, event.resourceId()) : List.of(event.resourceId());
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetVolume " + id,
                () -> clients.blockstorage().getVolume(GetVolumeRequest.builder().volumeId(id).build()))
                .map(response -> toResource(Answers.checked("GetVolume " + id, id, response.getVolume(), Volume::getId,
                        Volume::getLifecycleState, Volume::getCompartmentId), response.getEtag()));
    }

    private Resource toResource(Volume v, String etag) {
        List<BlockVolumeReplicaInfo> infos = v.getBlockVolumeReplicas() == null ? List.of() : v.getBlockVolumeReplicas();
        String fix = BlockStorage.replicaListCommand("oci bv volume update --volume-id " + v.getId(),
                "--block-volume-replicas", infos.stream().map(r -> new BlockStorage.ReplicaSetting(
                        r.getAvailabilityDomain(), r.getDisplayName(), r.getKmsKeyId())).toList());
        List<Replica> replicas = infos.stream()
                .map(r -> new Replica(r.getBlockVolumeReplicaId(), r.getDisplayName(), r.getAvailabilityDomain(),
                        Encryption.ofKmsKeyId(r.getKmsKeyId()), fix))
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
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci bv volume-kms-key update --volume-id " + resource.id() + " --kms-key-id " + keyId);
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
        return List.of("VOLUME_INSPECT", "VOLUME_READ", "VOLUME_UPDATE", "VOLUME_GROUP_INSPECT");
    }

    @Override
    public Iam iam() {
        // inspect volume-groups: a volume-group event is followed to its member volumes
        return Iam.readOnly("read volumes", "inspect volume-groups").remediatedWith("use volumes")
                .keyUsedBy(KeyUser.BLOCK_STORAGE);
    }
}
