package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET of one resource and LIST of a collection, for every collection the emulator keeps. LISTs are
 * paged like OCI's: {@code limit} (default 100, at most 1000), {@code page} from the previous answer's
 * {@code opc-next-page} header, which is absent on the last page.
 */
final class ResourceReads {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

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

    /**
     * GetCompartment: one of the world's compartments, or a compartment (a tenancy, say) that the world's
     * resources or compartments live in, which exists in OCI as surely as they do (answered ACTIVE).
     */
    Response compartment(String id) {
        return store.find(ResourceCollection.COMPARTMENTS, id)
                .or(() -> isReferenced(id) ? Optional.of(implied(id)) : Optional.empty())
                .map(Response::resource)
                .orElseThrow(() -> ApiError.notFound("compartments/" + id));
    }

    private boolean isReferenced(String compartmentId) {
        for (ResourceCollection c : ResourceCollection.values()) {
            if (!store.list(c, r -> compartmentId.equals(Json.text(r, "compartmentId"))).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode implied(String id) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("name", id.substring(id.lastIndexOf('.') + 1));
        c.put("lifecycleState", "ACTIVE");
        return c;
    }

    Response list(IncomingRequest request, String version, String collectionName) {
        ResourceCollection collection = collection(request, version, collectionName);
        Map<String, String> parameters = request.queryParameters();
        ListFilter filter = ListFilter.of(collection, parameters, store);
        ArrayNode matching = Json.array();
        store.list(collection, filter).forEach(matching::add);
        return paged(matching, parameters);
    }

    /** One page of a LIST's items, by the request's limit and page, with opc-next-page unless it is the last. */
    static Response paged(ArrayNode all, Map<String, String> parameters) {
        int limit = limit(parameters.get("limit"));
        int offset = offset(parameters.get("page"));
        ArrayNode items = Json.array();
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            items.add(all.get(i));
        }
        Response response = Response.ok(items);
        int next = offset + limit;
        return next < all.size() ? response.withHeader("opc-next-page", Integer.toString(next)) : response;
    }

    /**
     * ListAvailabilityDomains: the availability domains the world's resources name, sorted, each as OCI's
     * AvailabilityDomain ({name, id, compartmentId}); compartmentId (the tenancy) is required.
     */
    Response availabilityDomains(IncomingRequest request) {
        String compartmentId = request.queryParameters().get("compartmentId");
        if (compartmentId == null || compartmentId.isBlank()) {
            throw ApiError.missingParameter("compartmentId");
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (ResourceCollection c : ResourceCollection.values()) {
            store.list(c).forEach(r -> {
                String name = Json.text(r, "availabilityDomain");
                if (name != null && !name.isBlank()) {
                    names.add(name);
                }
            });
        }
        ArrayNode domains = Json.array();
        for (String name : names) {
            ObjectNode domain = domains.addObject();
            domain.put("name", name);
            domain.put("id", "ocid1.availabilitydomain.oc1..emulator" + name.replaceAll("[^A-Za-z0-9]", "").toLowerCase());
            domain.put("compartmentId", compartmentId);
        }
        return Response.ok(domains);
    }

    /** A LIST under a parent resource, e.g. a database's Data Guard associations: every item naming the parent. */
    Response listUnder(ResourceCollection collection, String parentField, String parentId) {
        ArrayNode items = Json.array();
        store.list(collection, r -> parentId.equals(Json.text(r, parentField))).forEach(items::add);
        return Response.ok(items);
    }

    /** ListKeyVersions: the versions of an existing key (404 for a key the world does not have). */
    Response keyVersions(String keyId) {
        store.find(ResourceCollection.KEYS, keyId).orElseThrow(() -> ApiError.notFound("keys/" + keyId));
        return listUnder(ResourceCollection.KEY_VERSIONS, "keyId", keyId);
    }

    /** GetKeyVersion: one version, only under its own key. */
    Response keyVersion(String keyId, String keyVersionId) {
        return store.find(ResourceCollection.KEY_VERSIONS, keyVersionId)
                .filter(v -> keyId.equals(Json.text(v, "keyId")))
                .map(Response::resource)
                .orElseThrow(() -> ApiError.notFound("keys/" + keyId + "/keyVersions/" + keyVersionId));
    }

    /** ListAutonomousDatabaseClones: the databases whose sourceId is this one; cloneType=REFRESHABLE_CLONE keeps refreshable ones. */
    Response clonesOf(IncomingRequest request, String sourceId) {
        boolean refreshableOnly = "REFRESHABLE_CLONE".equals(request.queryParameters().get("cloneType"));
        ArrayNode items = Json.array();
        store.list(ResourceCollection.AUTONOMOUS_DATABASES, r -> sourceId.equals(Json.text(r, "sourceId"))
                && (!refreshableOnly || r.path("isRefreshableClone").asBoolean(false))).forEach(items::add);
        return Response.ok(items);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE_SIZE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidParameter("limit must be a number from 1 to " + MAX_PAGE_SIZE + ": '" + text + "'");
    }

    /** The page token is the offset of the page's first item; any other token is refused like OCI does. */
    private static int offset(String page) {
        if (page == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(page);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidParameter("page is not a token from opc-next-page: '" + page + "'");
    }

    /** The collection a path names, if it is served under that API version. */
    private static ResourceCollection collection(IncomingRequest request, String version, String name) {
        return ResourceCollection.byWireName(name)
                .filter(c -> c.apiVersion().equals(version))
                .orElseThrow(() -> ApiError.noRoute(request.method(), request.path()));
    }
}
