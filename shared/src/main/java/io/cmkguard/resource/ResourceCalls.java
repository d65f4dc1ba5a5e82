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
}
