package io.cmkguard.event;

import io.cmkguard.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies an attacker or a misrouted integration sends: each gets its own code, and nothing huge is echoed. */
class HostileBodyTest {
    private static final String SAMPLE = TestFiles.read(TestFiles.sample("blockvolumes.createvolume.end--oracle-managed.json"));
    private static final String TYPE = "com.oraclecloud.blockvolumes.createvolume.end";

    private static String event(String eventId, String resourceId) {
        return "{\"eventType\":\"" + TYPE + "\",\"eventID\":\"" + eventId + "\",\"data\":{\"resourceId\":\""
                + resourceId + "\",\"compartmentId\":\"ocid1.compartment.oc1..prod\"}}";
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("deep nesting", "[".repeat(5000) + "]".repeat(5000), "TooDeeplyNested"),
                Arguments.of("deep nesting in data", event("e1", "ocid1.volume.oc1.iad.a").replace("\"data\":{",
                        "\"data\":{\"x\":" + "{\"y\":".repeat(100) + "1" + "}".repeat(100) + ","), "TooDeeplyNested"),
                Arguments.of("thousand-digit number", "{\"eventType\":\"" + TYPE + "\",\"n\":" + "9".repeat(1000) + "}",
                        "NumberTooLong"),
                Arguments.of("huge field name", "{\"" + "k".repeat(1000) + "\":1}", "FieldNameTooLong"),
                Arguments.of("body too large", "{\"eventType\":\"" + "x".repeat(300_000) + "\"}", "BodyTooLarge"),
                Arguments.of("two events back to back", SAMPLE + SAMPLE, "MalformedJson"),
                Arguments.of("garbage after the event", SAMPLE + " trailing", "MalformedJson"),
                Arguments.of("duplicate resourceId", event("e1", "ocid1.volume.oc1.iad.a").replace("\"resourceId\"",
                        "\"resourceId\":\"ocid1.volume.oc1.iad.b\",\"resourceId\""), "MalformedJson"),
                Arguments.of("long eventType", "{\"eventType\":\"com.oraclecloud." + "a".repeat(300) + "\"}",
                        "EventTypeTooLong"),
                Arguments.of("eventType with a newline", "{\"eventType\":\"com.oraclecloud.x\\nFORGED\"}", "NotAnOciEvent"),
                Arguments.of("long eventID", event("e".repeat(10_000), "ocid1.volume.oc1.iad.a"), "EventIdTooLong"),
                Arguments.of("megabyte-ish resourceId", event("e1", "ocid1.volume.oc1.iad." + "a".repeat(200_000)),
                        "InvalidResourceId"),
                Arguments.of("resourceId without region", event("e1", "ocid1.volume.oc1..abc"), "InvalidResourceId"),
                Arguments.of("resourceId in no realm", event("e1", "ocid1.volume.xx1.iad.abc"), "InvalidResourceId"),
                Arguments.of("resourceId not an OCID", event("e1", "../../20160918/volumes"), "InvalidResourceId"),
                Arguments.of("resourceId a number", "{\"eventType\":\"" + TYPE + "\",\"data\":{\"resourceId\":7}}",
                        "InvalidResourceId"),
                Arguments.of("compartmentId not an OCID", event("e1", "ocid1.volume.oc1.iad.a")
                        .replace("ocid1.compartment.oc1..prod", "prod"), "InvalidCompartmentId"),
                Arguments.of("legacy data.id", "{\"eventType\":\"" + TYPE + "\",\"data\":{\"id\":\"ocid1.volume.oc1.iad.a\"}}",
                        "MissingResourceId"),
                Arguments.of("monitoring alarm", "{\"dedupeKey\":\"d\",\"title\":\"cpu\",\"type\":\"OK_TO_FIRING\","
                        + "\"alarmMetaData\":[{\"id\":\"ocid1.alarm.oc1.iad.a\"}]}", "MisroutedAlarm"),
                Arguments.of("logging record", "{\"specversion\":\"1.0\",\"type\":\"com.oraclecloud.ComputeApi.GetInstance\","
                        + "\"oracle\":{\"logid\":\"ocid1.log.oc1.iad.a\"},\"data\":{}}", "MisroutedLogRecord"),
                Arguments.of("logging search result", "{\"results\":[],\"summary\":{\"resultCount\":0}}", "MisroutedLogRecord"),
                Arguments.of("connector hub batch", "[" + SAMPLE + "," + SAMPLE + "]", "NotAnEvent"),
                Arguments.of("a string", "\"com.oraclecloud.blockvolumes.createvolume.end\"", "NotAnEvent"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("hostile")
    void hostileBodyGetsItsOwnCodeAndABoundedMessage(String what, String body, String code) {
        BadEventException e = assertThrows(BadEventException.class, () -> EventParser.parse(body));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().length() < 1_000, "message of " + e.getMessage().length() + " chars");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.eventId().length() <= EventLimits.MAX_EVENT_ID_CHARS + 40, e.eventId());
        assertTrue(e.eventType().length() <= EventLimits.MAX_ECHOED_CHARS + 40, e.eventType());
    }

    @Test
    void anErrorKeepsTheEventTypeAndIdTheBodyCarried() {
        BadEventException e = assertThrows(BadEventException.class,
                () -> EventParser.parse(event("evt-42", "ocid1.volume.oc1..noregion")));
        assertEquals(TYPE, e.eventType());
        assertEquals("evt-42", e.eventId());
    }

    @Test
    void misroutedBodiesSayHowToRouteEventsInstead() {
        for (String body : new String[]{"{\"dedupeKey\":\"d\",\"type\":\"FIRING_TO_OK\"}",
                "{\"specversion\":\"1.0\",\"type\":\"t\"}"}) {
            BadEventException e = assertThrows(BadEventException.class, () -> EventParser.parse(body));
            assertTrue(e.getMessage().contains("Events rule"), e.getMessage());
        }
    }

    @Test
    void aBatchNamesItsEventIdsSoTheyCanBeSentAgain() {
        BadEventException e = assertThrows(BadEventException.class,
                () -> EventParser.parse("[" + event("a-1", "x") + "," + event("b-2", "y") + "]"));
        assertTrue(e.getMessage().contains("array of 2"), e.getMessage());
        assertTrue(e.getMessage().contains("a-1, b-2"), e.getMessage());
    }

    @Test
    void echoedNamesAreBoundedAndOnOneLine() {
        OciEvent event = EventParser.parse(event("e1", "ocid1.volume.oc1.iad.a")
                .replace("\"data\":{", "\"data\":{\"resourceName\":\"line1\\nline2" + "x".repeat(5000) + "\","));
        assertFalse(event.resourceName().contains("\n"));
        assertTrue(event.resourceName().length() < EventLimits.MAX_ECHOED_CHARS + 40, event.resourceName());
    }

    @Test
    void aLoneSurrogateIsNeverEchoed() {
        BadEventException e = assertThrows(BadEventException.class,
                () -> EventParser.parse("{\"eventType\":\"" + TYPE + "\",\"eventID\":\"a\\ud800b\",\"data\":{}}"));
        assertEquals("a\uFFFDb", e.eventId());
    }

    @Test
    void anUnhandledLegacyPayloadStillHasAnEnvelope() {
        EventEnvelope e = EventParser.envelope("{\"eventType\":\"com.oraclecloud.dbaas.autonomous.database.backup.end\","
                + "\"eventID\":\"legacy-1\",\"data\":\"not even an object\"}");
        assertEquals("legacy-1", e.eventId());
        assertEquals("", e.resourceIdAsSent());
    }
}
