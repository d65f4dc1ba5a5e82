package io.cmkguard.resource;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.TestFiles;
import io.cmkguard.event.EventEnvelope;
import io.cmkguard.event.EventParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the registry honest: adding a type must not break another. */
class ResourceTypesTest {

    @Test
    void namesIdentitiesAndEventTypesAreUnique() {
        Set<String> names = new HashSet<>();
        Set<String> events = new HashSet<>();
        for (ResourceType t : ResourceTypes.ALL) {
            assertTrue(names.add(t.name()), "duplicate name " + t.name());
            String example = t.identity().example();
            assertEquals(List.of(t), ResourceTypes.ALL.stream().filter(o -> o.identity().owns(example)).toList(),
                    "exactly " + t.name() + " owns its own example id " + example);
            for (String e : t.eventTypes()) {
                assertTrue(events.add(e), "event type " + e + " registered twice");
                assertTrue(e.startsWith("com.oraclecloud."), e);
            }
            assertTrue(t.eventTypes().containsAll(t.keyRemovalEventTypes()), t.name());
            t.eventTypes().forEach(e -> assertFalse(KeyEvents.types().contains(e), e + " is the key-health watch's"));
            assertFalse(t.requiredPermissions().isEmpty(), t.name() + " declares no permissions");
        }
    }

    @Test
    void everySampleOfAHandledEventResolvesToExactlyOneType() {
        for (Path sample : TestFiles.samples()) {
            EventEnvelope e = EventParser.envelope(TestFiles.read(sample));
            long matches = ResourceTypes.ALL.stream().filter(t -> t.eventTypes().contains(e.eventType())).count()
                    + (KeyEvents.types().contains(e.eventType()) ? 1 : 0); // the key-health watch's
            if (sample.getFileName().toString().endsWith("--unsupported.json")) {
                assertEquals(0, matches, sample.toString());
            } else {
                assertEquals(1, matches, sample + " resolves to " + matches + " types");
            }
        }
    }

    @Test
    void everyHandledEventTypeHasASample() {
        Set<String> sampled = new HashSet<>();
        TestFiles.samples().forEach(s -> sampled.add(EventParser.envelope(TestFiles.read(s)).eventType()));
        for (String eventType : ResourceTypes.allEventTypes()) {
            assertTrue(sampled.contains(eventType), "no sample for " + eventType);
        }
    }
}
