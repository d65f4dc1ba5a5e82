package io.cmkguard.resource.type;

import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.World;
import io.cmkguard.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lists of types outside the registry follow it: the generated worlds of sweep tests and the bench hold
 * every checked type's collection, and every type's collection is one the emulator's world format knows.
 * (Rules, IAM and func.yaml are generated from the registry and checked by their own drift tests.)
 */
class RegistryListsTest {

    private static List<String> checkedCollections() {
        return ResourceTypes.ALL.stream().filter(t -> !t.eventTypes().isEmpty()).map(ResourceType::collection).toList();
    }

    @Test
    void generatedWorldsHoldEveryCheckedType() {
        assertEquals(new TreeSet<>(checkedCollections()), new TreeSet<>(GeneratedWorld.CHECKED),
                "GeneratedWorld.CHECKED must list the collection of every type events and sweeps check");
        GeneratedWorld world = GeneratedWorld.generate(1, 1, 2, 7);
        for (String collection : checkedCollections()) {
            assertTrue(world.fates(collection).size() >= 2, collection + " is generated");
        }
    }

    @Test
    void everyTypesCollectionIsOneTheWorldFormatKnows() {
        for (ResourceType type : ResourceTypes.ALL) {
            World world = World.parse("{\"" + type.collection() + "\":[]}");
            assertTrue(world.resources(type.collection()).isEmpty(), type.name());
        }
    }
}
