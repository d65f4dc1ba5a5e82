package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.VolumeGroup;
import com.oracle.bmc.core.requests.GetVolumeGroupRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A volume group's member volumes. Cloning or restoring a group creates every member at once (each
 * on the Oracle-managed key unless told otherwise), and the members may be block or boot volumes.
 */
final class VolumeGroupMembers {
    static final String KIND = "volumegroup";
    /** createvolumegroup exists with .end and, for older producers, without a suffix; updatevolumegroup only without. */
    static final Set<String> EVENTS = BlockStorage.events("createvolumegroup", "createvolumegroup.end",
            "updatevolumegroup");

    private VolumeGroupMembers() {
    }

    /** The group's volumeIds; empty when the group is gone (or may not be read). */
    static List<String> of(OciClients clients, String volumeGroupId) {
        Optional<VolumeGroup> group = OciCalls.find("GetVolumeGroup " + volumeGroupId, () -> clients.blockstorage()
                .getVolumeGroup(GetVolumeGroupRequest.builder().volumeGroupId(volumeGroupId).build()).getVolumeGroup());
        return group.map(g -> g.getVolumeIds() == null ? List.<String>of() : g.getVolumeIds().stream().distinct().toList())
                .orElse(List.of());
    }
}
