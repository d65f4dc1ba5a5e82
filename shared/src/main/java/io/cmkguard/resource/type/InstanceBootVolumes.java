package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.BootVolumeAttachment;
import com.oracle.bmc.core.model.Instance;
import com.oracle.bmc.core.requests.GetInstanceRequest;
import com.oracle.bmc.core.requests.ListBootVolumeAttachmentsRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An instance's boot volumes. Most boot volumes are born with an instance, so a compute launch (or a boot
 * volume attached or replaced) is followed to the instance's boot volume through its attachments.
 */
final class InstanceBootVolumes {
    static final String KIND = "instance";
    static final String LAUNCH_INSTANCE = "com.oraclecloud.computeapi.launchinstance.end";
    /** A boot volume attached to (or replaced on) an instance: the event names the instance. */
    static final String ATTACH_BOOT_VOLUME = "com.oraclecloud.computeapi.attachbootvolume.end";
    static final Set<String> EVENTS = Set.of(LAUNCH_INSTANCE, ATTACH_BOOT_VOLUME);

    private InstanceBootVolumes() {
    }

    /** The boot volumes attached to the instance (not detached); empty when the instance is gone. */
    static List<String> of(OciClients clients, String instanceId) {
        Optional<Instance> instance = OciCalls.find("GetInstance " + instanceId, () -> clients.compute()
                .getInstance(GetInstanceRequest.builder().instanceId(instanceId).build()).getInstance());
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
}
