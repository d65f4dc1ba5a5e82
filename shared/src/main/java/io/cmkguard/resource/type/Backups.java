package io.cmkguard.resource.type;

import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.ResourceCalls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What volume and boot volume backups share: a backup read as a resource, its lineage (copied from another
 * backup, else backed up from its volume), its key; only the SDK model differs.
 */
final class Backups {
    private Backups() {
    }

    /** Where a backup model keeps what a resource needs beyond the fields every answer is checked on. */
    record View<M>(Function<M, String> displayName, Function<M, String> kmsKeyId, Function<M, String> copiedFrom,
                   Function<M, String> volumeId, Function<M, Map<String, String>> freeformTags) {
    }

    static <A, M> ResourceCalls calls(String typeName, SdkGet<A, M> get, SdkList<?, ?> list, View<M> view) {
        return SdkCalls.of(get, list, (model, etag) -> resource(typeName, get, view, model, etag));
    }

    private static <M> Resource resource(String typeName, SdkGet<?, M> get, View<M> view, M b, String etag) {
        String id = get.id().apply(b);
        Optional<Lineage> lineage = view.copiedFrom().apply(b) != null
                ? Optional.of(new Lineage("copied from", view.copiedFrom().apply(b)))
                : Optional.ofNullable(view.volumeId().apply(b)).map(v -> new Lineage("backed up from", v));
        return new Resource(typeName, id, view.displayName().apply(b), get.compartmentId().apply(b), Wire.regionOf(id),
                Wire.value(get.state().apply(b)), Encryption.ofKmsKeyId(view.kmsKeyId().apply(b)), List.of(), lineage,
                Wire.tags(view.freeformTags().apply(b)), etag);
    }
}
