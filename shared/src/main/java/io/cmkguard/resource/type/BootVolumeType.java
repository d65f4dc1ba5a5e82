package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolume;
import com.oracle.bmc.core.model.BootVolumeAttachment;
import com.oracle.bmc.core.model.BootVolumeSourceDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeBackupDeltaDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeBackupDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeDetails;
import com.oracle.bmc.core.model.BootVolumeSourceFromBootVolumeReplicaDetails;
import com.oracle.bmc.core.model.BootVolumeReplicaInfo;
import com.oracle.bmc.core.model.Instance;
import com.oracle.bmc.core.model.UpdateBootVolumeKmsKeyDetails;
import com.oracle.bmc.core.requests.GetBootVolumeRequest;
import com.oracle.bmc.core.requests.GetInstanceRequest;
import com.oracle.bmc.core.requests.ListBootVolumeAttachmentsRequest;
import com.oracle.bmc.core.requests.UpdateBootVolumeKmsKeyRequest;
import io.cmkguard.event.OciEvent;
import com.oracle.bmc.core.requests.ListBootVolumesRequest;
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

/**
 * Boot volumes. Most are born with an instance, so a compute launch event is followed to the
 * instance's boot volume through its boot-volume attachment.
 */
public final class BootVolumeType implements ResourceType {
    static final String LAUNCH_INSTANCE = "com.oraclecloud.computeapi.launchinstance.end";
    /** A boot volume attached to (or replaced on) an instance: the event names the instance. */
    static final String ATTACH_BOOT_VOLUME = "com.oraclecloud.computeapi.attachbootvolume.end";
    static final Set<String> INSTANCE_EVENTS = Set.of(LAUNCH_INSTANCE, ATTACH_BOOT_VOLUME);

    @Override
    public String name() {
        return "boot-volume";
    }

    @Override
    public String noun() {
        return "boot volume";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("bootvolume");
    }

    @Override
    public Set<String> eventTypes() {
        Set<String> all = new HashSet<>(BlockStorage.events("createbootvolume.end", "updatebootvolume.end",
                "updatebootvolumekmskey.end", "deletebootvolumekmskey.begin", "changebootvolumecompartment.end"));
        all.addAll(INSTANCE_EVENTS);
        return Set.copyOf(all);
    }

    /** OCI's catalogue has only the .begin of a key removal (there is no deletebootvolumekmskey.end). */
    @Override
    public Set<String> keyRemovalEventTypes() {
        return BlockStorage.events("deletebootvolumekmskey.begin");
    }

    @Override
    public Identity subject(String eventType) {
        return INSTANCE_EVENTS.contains(eventType) ? Identity.ocid("instance") : identity();
    }

    @Override
    public List<String> resourceIds(OciEvent event, OciClients clients) {
        if (!INSTANCE_EVENTS.contains(event.eventType())) {
            return List.of(event.resourceId());
        }
        Optional<Instance> instance = OciCalls.find("GetInstance " + event.resourceId(), () -> clients.compute()
                .getInstance(GetInstanceRequest.builder().instanceId(event.resourceId()).build()).getInstance());
        if (instance.isEmpty()) {
            return List.of();
        }
        Instance i = instance.get();
        List<BootVolumeAttachment> attachments = OciCalls.call("ListBootVolumeAttachments " + i.getId(),
                () -> clients.compute().listBootVolumeAttachments(ListBootVolumeAttachmentsRequest.builder()
                        .availabilityDomain(i.getAvailabilityDomain())
                        .compartmentId(i.getCompartmentId())
                        .instanceId(i.getId())
                        .build()).getItems());
        return attachments.stream()
                .filter(a -> a.getLifecycleState() != BootVolumeAttachment.LifecycleState.Detached)
                .map(BootVolumeAttachment::getBootVolumeId)
                .distinct()
                .toList();
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetBootVolume " + id,
                () -> clients.blockstorage().getBootVolume(GetBootVolumeRequest.builder().bootVolumeId(id).build()))
                .map(response -> toResource(Answers.checked("GetBootVolume " + id, id, response.getBootVolume(),
                        BootVolume::getId, BootVolume::getLifecycleState, BootVolume::getCompartmentId),
                        response.getEtag()));
    }

    private Resource toResource(BootVolume v, String etag) {
        List<BootVolumeReplicaInfo> infos = v.getBootVolumeReplicas() == null ? List.of() : v.getBootVolumeReplicas();
        String fix = BlockStorage.replicaListCommand("oci bv boot-volume update --boot-volume-id " + v.getId(),
                "--boot-volume-replicas", infos.stream().map(r -> new BlockStorage.ReplicaSetting(
                        r.getAvailabilityDomain(), r.getDisplayName(), r.getKmsKeyId())).toList());
        List<Replica> replicas = infos.stream()
                .map(r -> new Replica(r.getBootVolumeReplicaId(), r.getDisplayName(), r.getAvailabilityDomain(),
                        Encryption.ofKmsKeyId(r.getKmsKeyId()), fix))
                .toList();
        return new Resource(name(), v.getId(), v.getDisplayName(), v.getCompartmentId(),
                Wire.regionOf(v.getId()), Wire.value(v.getLifecycleState()),
                Encryption.ofKmsKeyId(v.getKmsKeyId()), replicas, lineage(v.getSourceDetails()),
                Wire.tags(v.getFreeformTags()), etag);
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

    /** Without an availability domain ListBootVolumes answers every AD of the region. */
    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        ListBootVolumesRequest request = ListBootVolumesRequest.builder().compartmentId(compartmentId).build();
        return Listing.liveIds("ListBootVolumes " + compartmentId,
                () -> clients.blockstorage().getPaginators().listBootVolumesRecordIterator(request),
                v -> Wire.value(v.getLifecycleState()), BootVolume::getId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("UpdateBootVolumeKmsKey " + resource.id(), () -> clients.blockstorage().updateBootVolumeKmsKey(
                UpdateBootVolumeKmsKeyRequest.builder()
                        .bootVolumeId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateBootVolumeKmsKeyDetails(UpdateBootVolumeKmsKeyDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci bv boot-volume-kms-key update --boot-volume-id " + resource.id() + " --kms-key-id " + keyId);
    }

    @Override
    public Optional<String> prerequisite() {
        return BlockStorage.KEY_GRANT;
    }

    @Override
    public String consolePath(Resource resource) {
        return BlockStorage.console("boot-volumes", resource.id(), resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("VOLUME_INSPECT", "VOLUME_READ", "VOLUME_UPDATE", "INSTANCE_READ",
                "VOLUME_ATTACHMENT_INSPECT");
    }

    private static Set<String> union(Set<String> a, String b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.add(b);
        return Set.copyOf(all);
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read volumes", "read instances", "inspect volume-attachments")
                .remediatedWith("use volumes").keyUsedBy(KeyUser.BLOCK_STORAGE);
    }
}
