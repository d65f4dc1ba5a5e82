package io.cmkguard.resource.type;

import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciClients;
import io.cmkguard.resource.ResourceCalls;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** A type's calls made of an SDK GET and LIST, and how a checked model (with its etag) becomes a resource. */
final class SdkCalls {
    private SdkCalls() {
    }

    static <A, M> ResourceCalls of(SdkGet<A, M> get, SdkList<?> list, BiFunction<M, String, Resource> resource) {
        return new ResourceCalls() {
            @Override
            public Optional<Resource> fetch(OciClients clients, String id) {
                return get.read(clients, id).map(answer -> resource.apply(answer.model(), answer.etag()));
            }

            @Override
            public List<String> list(OciClients clients, String compartmentId) {
                return list.liveIds(clients, compartmentId);
            }
        };
    }
}
