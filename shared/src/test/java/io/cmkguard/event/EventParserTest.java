package io.cmkguard.event;

import io.cmkguard.TestFiles;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventParserTest {

    static List<Path> samples() {
        return TestFiles.samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleParsesWithItsTypeIdAndResource(Path sample) {
        String name = sample.getFileName().toString();
        EventEnvelope envelope = EventParser.envelope(TestFiles.read(sample));
        assertEquals("com.oraclecloud." + name.substring(0, name.indexOf("--")), envelope.eventType());
        assertFalse(envelope.eventId().isBlank());
        java.util.Optional<ResourceType> type = ResourceTypes.forEventType(envelope.eventType()); // none: a key event
        OciEvent event = type.isEmpty() ? EventParser.event(envelope)
                : EventParser.event(envelope, type.get().subject(envelope.eventType()).resourceIdRule());
        assertEquals(envelope.eventType(), event.eventType());
        if (name.startsWith("objectstorage.")) { // a bucket's resourceId is its path, with or without its name
            assertTrue(event.resourceId().startsWith("/n/cmkguarddemo/b/"), event.resourceId());
            assertTrue(type.get().identity().namedBy(event).isPresent(), name);
        } else {
            assertTrue(event.resourceId().startsWith("ocid1."), event.resourceId());
        }
        assertTrue(event.compartmentId().startsWith("ocid1.compartment."), event.compartmentId());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-json.txt", "MalformedJson"),
                Arguments.of("truncated.json", "MalformedJson"),
                Arguments.of("array.json", "NotAnEvent"),
                Arguments.of("empty.json", "EmptyBody"),
                Arguments.of("no-event-type.json", "NotAnOciEvent"),
                Arguments.of("no-data.json", "MissingData"),
                Arguments.of("no-resource-id.json", "MissingResourceId"),
                Arguments.of("blank-resource-id.json", "MissingResourceId"),
                Arguments.of("non-oci.json", "NotAnOciEvent"),
                Arguments.of("number-event-type.json", "NotAnOciEvent"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputGetsASpecificError(String file, String code) {
        String body = TestFiles.read(Path.of("src/test/resources/events/malformed", file));
        BadEventException e = assertThrows(BadEventException.class, () -> EventParser.parse(body));
        assertEquals(code, e.code(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void malformedJsonMessageSaysWhere() {
        BadEventException e = assertThrows(BadEventException.class, () -> EventParser.parse("{\"eventType\": "));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void awsEventIsNamedAsSuch() {
        String body = TestFiles.read(Path.of("src/test/resources/events/malformed/non-oci.json"));
        BadEventException e = assertThrows(BadEventException.class, () -> EventParser.parse(body));
        assertTrue(e.getMessage().contains("AWS"), e.getMessage());
    }

    @Test
    void readsBothTagSpellingsAndFallsBackToTheEnvelopeCompartment() {
        OciEvent event = EventParser.parse("""
                {"eventType":"com.oraclecloud.blockvolumes.createvolume.end","eventID":"e1",
                 "extensions":{"compartmentId":"ocid1.compartment.oc1..x"},
                 "data":{"resourceId":" ocid1.volume.oc1.iad.a ","freeFormTags":{"team":"db"}}}""");
        assertEquals("ocid1.volume.oc1.iad.a", event.resourceId());
        assertEquals("ocid1.compartment.oc1..x", event.compartmentId());
        assertEquals("db", event.freeformTags().get("team"));
    }
}
