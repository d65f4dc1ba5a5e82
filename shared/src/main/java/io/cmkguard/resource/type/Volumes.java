package io.cmkguard.resource.type;

import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Replica;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.util.CliCommand;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What block and boot volumes share: a volume read as a resource with its lineage (clone, restore, replica
 * activation), its key, and its cross-region replicas, each with the update that fixes it; only the SDK
 * models differ.
 */
final class Volumes {
    private Volumes() {
    }

    /**
     * Where a volume model keeps what a resource needs beyond the fields every answer is checked on.
     *
     * @param replicaUpdate the update that replaces a volume's replica list, for its id, e.g. oci bv volume update
     *                      --volume-id &lt;id&gt;
     * @param replicaOption its replica list option, e.g. --block-volume-replicas
     */
    record View<M, R>(Function<M, String> displayName, Function<M, String> kmsKeyId,
                      Function<M, Optional<Lineage>> lineage, Function<M, Map<String, String>> freeformTags,
                      Function<M, List<R>> replicas, ReplicaView<R> replica, Function<String, CliCommand> replicaUpdate,
                      String replicaOption) {
    }

    /** Where one replica entry of a volume keeps its id, name, availability domain and key. */
    record ReplicaView<R>(Function<R, String> id, Function<R, String> displayName,
                          Function<R, String> availabilityDomain, Function<R, String> kmsKeyId) {
    }

    static <A, M, R> ResourceCalls calls(String typeName, SdkGet<A, M> get, SdkList<?, ?> list, View<M, R> view) {
        return SdkCalls.of(get, list, (model, etag) -> resource(typeName, get, view, model, etag));
    }

    private static <M, R> Resource resource(String typeName, SdkGet<?, M> get, View<M, R> view, M v, String etag) {
        String id = get.id().apply(v);
        List<R> infos = Optional.ofNullable(view.replicas().apply(v)).orElse(List.of());
        ReplicaView<R> r = view.replica();
        String fix = BlockStorage.replicaListCommand(view.replicaUpdate().apply(id), view.replicaOption(), infos.stream()
                .map(info -> new BlockStorage.ReplicaSetting(r.availabilityDomain().apply(info),
                        r.displayName().apply(info), r.kmsKeyId().apply(info)))
                .toList());
        List<Replica> replicas = infos.stream()
                .map(info -> new Replica(r.id().apply(info), r.displayName().apply(info),
                        r.availabilityDomain().apply(info), Encryption.ofKmsKeyId(r.kmsKeyId().apply(info)), fix))
                .toList();
        return new Resource(typeName, id, view.displayName().apply(v), get.compartmentId().apply(v),
                Wire.regionOf(id), Wire.value(get.state().apply(v)), Encryption.ofKmsKeyId(view.kmsKeyId().apply(v)),
                replicas, view.lineage().apply(v), Wire.tags(view.freeformTags().apply(v)), etag);
    }
}
