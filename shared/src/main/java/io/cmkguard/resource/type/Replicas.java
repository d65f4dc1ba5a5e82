package io.cmkguard.resource.type;

import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Declared;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A block or boot volume's replica, read only as the source of a replica activation. No events name replicas
 * (OCI has none), they are never listed on their own (their volume's replica list judges them), and a
 * replica's key can only be set on its source volume: so no fix command of their own.
 */
final class Replicas {
    private Replicas() {
    }

    /** Where a replica model keeps what a resource needs beyond the fields every answer is checked on. */
    record View<M>(Function<M, String> displayName, Function<M, String> kmsKeyId, Function<M, String> volumeId,
                   Function<M, Map<String, String>> freeformTags) {
    }

    /**
     * @param console the replicas' page under /block-storage, e.g. block-volume-replicas
     */
    static <A, M> ResourceType declare(String name, String noun, String ocidKind, String collection, String console,
                                       SdkGet<A, M> get, View<M> view) {
        return Declared.named(name, noun)
                .identity(Identity.ocid(ocidKind))
                .collection(collection)
                .calls(ResourceCalls.of(
                        (clients, id) -> get.read(clients, id).map(a -> replica(name, get, view, a.model())),
                        (clients, compartmentId) -> {
                            throw new UnsupportedOperationException(name + " is read only as a source; its volume is listed");
                        }))
                .console(replica -> BlockStorage.console(console, replica.id(), replica.region()))
                .permissions("VOLUME_INSPECT", "VOLUME_READ")
                .iam(Iam.readOnly("read volumes")) // read as a source only: never re-keyed
                .build();
    }

    /** The replica as a resource whose lineage is the volume it replicates. */
    private static <M> Resource replica(String name, SdkGet<?, M> get, View<M> view, M r) {
        String id = get.id().apply(r);
        return new Resource(name, id, view.displayName().apply(r), get.compartmentId().apply(r), Wire.regionOf(id),
                Wire.value(get.state().apply(r)), Encryption.ofKmsKeyId(view.kmsKeyId().apply(r)), List.of(),
                Optional.ofNullable(view.volumeId().apply(r)).map(v -> new Lineage("replica of", v)),
                Wire.tags(view.freeformTags().apply(r)), "");
    }
}
