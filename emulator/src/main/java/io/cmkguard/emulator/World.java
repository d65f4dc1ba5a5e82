package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources an emulator starts with, in world format: a JSON object whose keys are OCI REST collection
 * names ("volumes", "keys", ...) holding lists of resources in OCI wire JSON. Immutable: every accessor and
 * every emulator works on deep copies.
 */
public final class World {
    static final String FAULTS = "faults";
    /** The tenancy's Object Storage namespace, what GetNamespace answers. */
    static final String NAMESPACE = "namespace";
    /** Keys a dump adds; accepted and ignored on load so that a dump can be loaded again. */
    static final Set<String> DUMP_ONLY_KEYS = Set.of("messages", "requests", MetricIngestion.DUMP_KEY,
            FunctionInvocations.DUMP_KEY);

    private final ObjectNode json;

    private World(ObjectNode json) {
        this.json = json;
    }

    public static World empty() {
        return new World(Json.object());
    }

    /** Parses and checks a world; IllegalArgumentException says exactly what is wrong. */
    public static World parse(String text) {
        JsonNode root = Json.parse(text);
        if (!root.isObject()) {
            throw new IllegalArgumentException("a world must be a JSON object, not " + root.getNodeType());
        }
        ObjectNode world = Json.object();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            if (DUMP_ONLY_KEYS.contains(key)) {
                continue;
            }
            if (key.equals(FAULTS)) {
                world.set(key, checkedFaults(entry.getValue()));
                continue;
            }
            if (key.equals(LogSearch.WORLD_KEY)) {
                world.set(key, checkedLogEntries(entry.getValue()));
                continue;
            }
            if (key.equals(NAMESPACE)) {
                if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException("\"namespace\" must be a non-empty string");
                }
                world.set(key, entry.getValue());
                continue;
            }
            if (key.equals(ObjectStore.WORLD_KEY)) {
                continue; // checked below, once the buckets are known
            }
            if (key.equals(KeyGrants.WORLD_KEY)) {
                world.set(key, KeyGrants.checked(entry.getValue()));
                continue;
            }
            ResourceCollection collection = ResourceCollection.byWireName(key).orElseThrow(() ->
                    new IllegalArgumentException("unknown world key \"" + key + "\"; known keys: "
                            + String.join(", ", knownKeys())));
            world.set(key, checkedResources(collection, entry.getValue()));
        }
        if (root.has(ObjectStore.WORLD_KEY)) {
            Set<String> buckets = new HashSet<>();
            world.path(ResourceCollection.BUCKETS.wireName()).forEach(b -> buckets.add(ResourceCollection.BUCKETS.idOf(b)));
            world.set(ObjectStore.WORLD_KEY, ObjectStore.checked(root.get(ObjectStore.WORLD_KEY), buckets));
        }
        return new World(world);
    }

    public static World read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("world file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A world with the given resources added to a collection (by its wire name, e.g. "volumes"). */
    public World with(String collection, ObjectNode... resources) {
        ObjectNode copy = toJson();
        ArrayNode list = copy.has(collection) ? (ArrayNode) copy.get(collection) : copy.putArray(collection);
        for (ObjectNode resource : resources) {
            list.add(resource.deepCopy());
        }
        return parse(Json.write(copy));
    }

    /** A world with a fault that the emulator arms when it starts. */
    public World withFault(Fault fault) {
        ObjectNode copy = toJson();
        ArrayNode faults = copy.has(FAULTS) ? (ArrayNode) copy.get(FAULTS) : copy.putArray(FAULTS);
        faults.add(fault.toJson());
        return new World(copy);
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** Deep copies of the resources of one collection, in file order; empty for an absent collection. */
    public List<ObjectNode> resources(String collection) {
        List<ObjectNode> result = new ArrayList<>();
        json.path(collection).forEach(r -> result.add(((ObjectNode) r).deepCopy()));
        return result;
    }

    /** OCI Logging entries, in the shape a log search returns them (results[].data). */
    public List<ObjectNode> logEntries() {
        return resources(LogSearch.WORLD_KEY);
    }

    /** Object Storage objects, in world format ({namespace, bucket, name, content or contentBase64, ...}). */
    public List<ObjectNode> objects() {
        return resources(ObjectStore.WORLD_KEY);
    }

    /** The world's Object Storage namespace; else its first bucket's; else "emulator". */
    public String namespace() {
        if (json.hasNonNull(NAMESPACE)) {
            return json.get(NAMESPACE).asText();
        }
        return resources(ResourceCollection.BUCKETS.wireName()).stream().map(b -> Json.text(b, "namespace"))
                .filter(n -> n != null && !n.isBlank()).findFirst().orElse("emulator");
    }

    public List<Fault> faults() {
        List<Fault> result = new ArrayList<>();
        json.path(FAULTS).forEach(f -> result.add(Fault.fromJson(f)));
        return result;
    }

    @Override
    public String toString() {
        return Json.write(json);
    }

    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(ResourceCollection.wireNames());
        keys.add(FAULTS);
        keys.add(KeyGrants.WORLD_KEY);
        keys.add(LogSearch.WORLD_KEY);
        keys.add(NAMESPACE);
        keys.add(ObjectStore.WORLD_KEY);
        return keys;
    }

    private static ArrayNode checkedResources(ResourceCollection collection, JsonNode value) {
        String name = collection.wireName();
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a list of resources");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode resource = value.get(i);
            String where = name + "[" + i + "]";
            if (!resource.isObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            String id = collection.idOf(resource);
            if (id == null) {
                throw new IllegalArgumentException(where + " has no " + collection.idFields().stream()
                        .map(f -> "\"" + f + "\"").collect(java.util.stream.Collectors.joining(" or ")));
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + " repeats the id " + id);
            }
        }
        return (ArrayNode) value.deepCopy();
    }

    private static ArrayNode checkedLogEntries(JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + LogSearch.WORLD_KEY + "\" must be a list of log entries");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            String where = LogSearch.WORLD_KEY + "[" + i + "]";
            if (!entry.path("datetime").canConvertToLong()) {
                throw new IllegalArgumentException(where + " needs \"datetime\" (epoch milliseconds)");
            }
            if (!entry.path("logContent").path("oracle").path("compartmentid").isTextual()
                    || !entry.path("logContent").path("data").isObject()) {
                throw new IllegalArgumentException(where + " needs \"logContent\" with \"data\" and"
                        + " \"oracle\": {\"compartmentid\", \"loggroupid\", \"logid\"}");
            }
        }
        return (ArrayNode) value.deepCopy();
    }

    private static ArrayNode checkedFaults(JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"faults\" must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            try {
                Fault.fromJson(value.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("faults[" + i + "]: " + e.getMessage(), e);
            }
        }
        return (ArrayNode) value.deepCopy();
    }
}
