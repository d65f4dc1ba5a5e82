package io.cmkguard.resource.type;

import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A block or boot volume's replica, read only as the source of a replica activation. No events
 * name replicas (OCI has none), and a replica's key can only be set on its source volume.
 */
abstract class ReplicaType implements ResourceType {

    @Override
    public final Set<String> eventTypes() {
        return Set.of();
    }

    /** Replicas are judged with their volume (its replica list), never listed on their own. */
    @Override
    public final List<String> list(OciClients clients, String compartmentId) {
        throw new UnsupportedOperationException(name() + " is read only as a source; its volume is listed");
    }

    @Override
    public final boolean keyChangeableInPlace() {
        return false;
    }

    @Override
    public final List<String> requiredPermissions() {
        return List.of("VOLUME_INSPECT", "VOLUME_READ");
    }

    @Override
    public final Iam iam() {
        return Iam.readOnly("read volumes"); // read as a source only: never re-keyed
    }

    /** The replica as a resource whose lineage is the volume it replicates. */
    final Resource replica(String id, String displayName, String compartmentId, String lifecycleState,
                           String kmsKeyId, String sourceVolumeId, Map<String, String> tags) {
        return new Resource(name(), id, displayName, compartmentId, Wire.regionOf(id), lifecycleState,
                Encryption.ofKmsKeyId(kmsKeyId), List.of(),
                Optional.ofNullable(sourceVolumeId).map(v -> new Lineage("replica of", v)),
                Wire.tags(tags), "");
    }
}
