package io.cmkguard.resource.type;

import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceCalls;

import java.util.function.BiFunction;

/** A type's calls made of an SDK GET and LIST, and how a checked model (with its etag) becomes a resource. */
final class SdkCalls {
    private SdkCalls() {
    }

    static <A, M> ResourceCalls of(SdkGet<A, M> get, SdkList<?, ?> list, BiFunction<M, String, Resource> resource) {
        return ResourceCalls.of(
                (clients, id) -> get.read(clients, id).map(answer -> resource.apply(answer.model(), answer.etag())),
                list::liveIds);
    }
}
