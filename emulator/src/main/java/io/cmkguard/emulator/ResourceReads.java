package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** GET of one resource and LIST of a collection, for every collection the emulator keeps. */
final class ResourceReads {
    private final ResourceStore store;

    ResourceReads(ResourceStore store) {
        this.store = store;
    }

    Response get(IncomingRequest request, String version, String collectionName, String id) {
        ResourceCollection collection = collection(request, version, collectionName);
        return store.find(collection, id)
                .map(Response::resource)
                .orElseThrow(() -> ApiError.notFound(collectionName + "/" + id));
    }

    Response list(IncomingRequest request, String version, String collectionName) {
        ResourceCollection collection = collection(request, version, collectionName);
        ListFilter filter = ListFilter.of(collection, request.queryParameters());
        ArrayNode items = Json.array();
        store.list(collection).stream().filter(filter).forEach(items::add);
        return Response.ok(items);
    }

    /** The collection a path names, if it is served under that API version. */
    private static ResourceCollection collection(IncomingRequest request, String version, String name) {
        return ResourceCollection.byWireName(name)
                .filter(c -> c.apiVersion().equals(version))
                .orElseThrow(() -> ApiError.noRoute(request.method(), request.path()));
    }
}
