package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The emulator's mutable copy of the world. One lock guards everything: the emulator is a test tool, and a
 * write (check state, check key, change) must be atomic like it is in OCI.
 */
final class ResourceStore {
    /** A lifecycle state a resource moves to once its time has come, e.g. UPDATING -> AVAILABLE. */
    private record PendingState(String state, Instant at) {
    }

    private final Map<ResourceCollection, Map<String, ObjectNode>> resources = new EnumMap<>(ResourceCollection.class);
    private final Map<String, PendingState> pending = new HashMap<>();
    private final Clock clock;
    private final String namespace;

    ResourceStore(World world, String baseUrl, Clock clock) {
        this.clock = clock;
        this.namespace = world.namespace();
        for (ResourceCollection collection : ResourceCollection.values()) {
            Map<String, ObjectNode> byId = new LinkedHashMap<>();
            for (ObjectNode resource : world.resources(collection.wireName())) {
                if (!resource.hasNonNull("etag")) {
                    resource.put("etag", newEtag());
                }
                byId.put(collection.idOf(resource), resource);
            }
            resources.put(collection, byId);
        }
        // every vault's endpoints point back here, so KMS clients built from a vault reach the emulator
        for (ObjectNode vault : resources.get(ResourceCollection.VAULTS).values()) {
            vault.put("managementEndpoint", baseUrl);
            vault.put("cryptoEndpoint", baseUrl);
        }
        // and so does every function's invoke endpoint, for FunctionsInvokeClient built from GetFunction
        for (ObjectNode function : resources.get(ResourceCollection.FUNCTIONS).values()) {
            function.put("invokeEndpoint", baseUrl);
        }
    }

    synchronized Optional<ObjectNode> find(ResourceCollection collection, String id) {
        settle(collection, id);
        return Optional.ofNullable(resources.get(collection).get(id)).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> list(ResourceCollection collection) {
        return list(collection, r -> true);
    }

    /** Copies of the resources that pass the filter, in store order (the filter sees the live resource). */
    synchronized List<ObjectNode> list(ResourceCollection collection, java.util.function.Predicate<ObjectNode> filter) {
        List<ObjectNode> result = new ArrayList<>();
        for (String id : resources.get(collection).keySet()) {
            settle(collection, id);
            ObjectNode resource = resources.get(collection).get(id);
            if (filter.test(resource)) {
                result.add(resource.deepCopy());
            }
        }
        return result;
    }

    /**
     * Applies a change to the live resource under the store's lock and gives it a new etag. The change may
     * throw an ApiError to refuse; it may read other resources through this store.
     *
     * @return a copy of the changed resource
     */
    synchronized ObjectNode modify(ResourceCollection collection, String id, Consumer<ObjectNode> change) {
        settle(collection, id);
        ObjectNode live = resources.get(collection).get(id);
        if (live == null) {
            throw ApiError.notFound(collection.wireName() + "/" + id);
        }
        ObjectNode draft = live.deepCopy(); // a refused change leaves nothing half-applied
        change.accept(draft);
        draft.put("etag", newEtag());
        resources.get(collection).put(id, draft);
        return draft.deepCopy();
    }

    /** Adds a new resource (a create call); the caller gives it a fresh id. */
    synchronized ObjectNode insert(ResourceCollection collection, ObjectNode resource) {
        ObjectNode stored = resource.deepCopy();
        stored.put("etag", newEtag());
        resources.get(collection).put(collection.idOf(stored), stored);
        return stored.deepCopy();
    }

    /** Moves a resource to a lifecycle state at a later time; seen by the first read after that time. */
    synchronized void moveLater(ResourceCollection collection, String id, String state, Instant at) {
        pending.put(key(collection, id), new PendingState(state, at));
    }

    /** The tenancy's Object Storage namespace (GetNamespace). */
    String namespace() {
        return namespace;
    }

    /** All resources in world format. */
    synchronized ObjectNode dump() {
        ObjectNode world = Json.object();
        world.put(World.NAMESPACE, namespace);
        for (ResourceCollection collection : ResourceCollection.values()) {
            ArrayNode items = world.putArray(collection.wireName());
            items.addAll(list(collection));
        }
        return world;
    }

    Instant now() {
        return clock.instant();
    }

    private void settle(ResourceCollection collection, String id) {
        String key = key(collection, id);
        PendingState next = pending.get(key);
        ObjectNode live = resources.get(collection).get(id);
        if (next == null || live == null || clock.instant().isBefore(next.at())) {
            return;
        }
        pending.remove(key);
        live.put("lifecycleState", next.state());
        live.put("etag", newEtag());
    }

    private static String key(ResourceCollection collection, String id) {
        return collection.wireName() + "/" + id;
    }

    private static String newEtag() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
