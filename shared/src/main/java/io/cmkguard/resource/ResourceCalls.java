package io.cmkguard.resource;

import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciClients;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** What a type asks of OCI to judge its resources: read one, and list a compartment's live ones. */
public interface ResourceCalls {

    /** Re-reads the resource; empty when it does not exist (any more). */
    Optional<Resource> fetch(OciClients clients, String id);

    /** The same, taking the other resources it is judged by (its container) from the trigger's shared reads. */
    default Optional<Resource> fetch(OciClients clients, String id, SharedReads shared) {
        return fetch(clients, id);
    }

    /** The ids of every live resource in one compartment (not its children), read page by page. */
    List<String> list(OciClients clients, String compartmentId);

    /** Calls made of a type's own read and list functions. */
    static ResourceCalls of(BiFunction<OciClients, String, Optional<Resource>> fetch,
                            BiFunction<OciClients, String, List<String>> list) {
        return new ResourceCalls() {
            @Override
            public Optional<Resource> fetch(OciClients clients, String id) {
                return fetch.apply(clients, id);
            }

            @Override
            public List<String> list(OciClients clients, String compartmentId) {
                return list.apply(clients, compartmentId);
            }
        };
    }

    /** A read of a resource that is judged by another one (a pluggable database by its container). */
    @FunctionalInterface
    interface SharingFetch {
        Optional<Resource> fetch(OciClients clients, String id, SharedReads shared);
    }

    /** Calls whose read takes the other resource from shared reads; a read alone shares nothing. */
    static ResourceCalls sharing(SharingFetch fetch, BiFunction<OciClients, String, List<String>> list) {
        return new ResourceCalls() {
            @Override
            public Optional<Resource> fetch(OciClients clients, String id) {
                return fetch.fetch(clients, id, SharedReads.none());
            }

            @Override
            public Optional<Resource> fetch(OciClients clients, String id, SharedReads shared) {
                return fetch.fetch(clients, id, shared);
            }

            @Override
            public List<String> list(OciClients clients, String compartmentId) {
                return list.apply(clients, compartmentId);
            }
        };
    }
}
