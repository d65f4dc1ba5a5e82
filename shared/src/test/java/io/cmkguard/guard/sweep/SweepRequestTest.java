package io.cmkguard.guard.sweep;

import io.cmkguard.app.InvocationBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.config.ContinuationSecret;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invocation bodies, sweep objects and continuation tokens: pure parsing and signing, no OCI. */
class SweepRequestTest {
    private static final String KEY = "k".repeat(16) + "0123456789abcdef";
    private static final String OTHER_KEY = "o".repeat(40);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static JsonNode sweep(String body) {
        return assertInstanceOf(InvocationBody.Sweep.class, InvocationBody.read(body)).sweep();
    }

    private static String refusedCode(String body) {
        return assertInstanceOf(InvocationBody.Refused.class, InvocationBody.read(body)).why().code();
    }

    private static String parseCode(String sweepObject) {
        return assertThrows(BadSweepException.class, () -> SweepRequest.parse(sweep("{\"sweep\": " + sweepObject
                + "}"))).code();
    }

    private static ContinuationKeys keys(String current, String previous) {
        return ContinuationKeys.from(new ContinuationSecret(Optional.ofNullable(current), Optional.ofNullable(previous)));
    }

    private static Continuation token(int writes) {
        return new Continuation("sweep-0f0e0d0c-0b0a-4908-8706-050403020100", "ocid1.tenancy.oc1..t", true,
                SweepRequest.checkedTypes(), Optional.of(Mode.REMEDIATE), 3, writes, 1, 0, "ocid1.compartment.oc1..b",
                2, "ocid1.volume.oc1.iad.x", "id-1", NOW, 3, false);
    }

    @Test
    void aBodyIsExactlyOneOfAnEventOrASweep() {
        assertInstanceOf(InvocationBody.Sweep.class, InvocationBody.read("{\"sweep\": {}}"));
        assertInstanceOf(InvocationBody.Event.class, InvocationBody.read("{\"eventType\": \"x\", \"data\": {}}"));
        assertInstanceOf(InvocationBody.Event.class, InvocationBody.read("[1]"));
        assertEquals("AmbiguousBody", refusedCode("{\"eventType\": \"com.oraclecloud.blockvolumes.createvolume.end\","
                + " \"data\": {}, \"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}}"));
        assertEquals("InvalidSweep", refusedCode("{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"},"
                + " \"dryRun\": true}"));
        assertEquals("EmptyBody", refusedCode(" "));
    }

    @Test
    void everyBodyGetsTheStrictParseAndARefusedSweepIsAnsweredAsOne() {
        String[] broken = {
            "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}, \"sweep\": {\"mode\": \"remediate\"}}",
            "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\", \"mode\": \"audit\", \"mode\": \"remediate\"}}",
            "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}} trailing",
            "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}}{\"sweep\": {}}",
        };
        for (String body : broken) {
            InvocationBody.Refused r = assertInstanceOf(InvocationBody.Refused.class, InvocationBody.read(body), body);
            assertEquals("MalformedJson", r.why().code(), body);
            assertTrue(r.sweepShaped(), body);
        }
        String deep = "{\"sweep\": " + "[".repeat(900) + "]".repeat(900) + "}";
        InvocationBody.Refused nested = assertInstanceOf(InvocationBody.Refused.class, InvocationBody.read(deep));
        assertEquals("TooDeeplyNested", nested.why().code());
        assertTrue(nested.why().getMessage().length() < 200);
        String big = "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\", \"resourceTypes\": [\""
                + "x".repeat(300 * 1024) + "\"]}}";
        assertEquals("BodyTooLarge", refusedCode(big));
        String longName = "{\"sweep\": {\"" + "n".repeat(49_000) + "\": 1}}";
        InvocationBody.Refused name = assertInstanceOf(InvocationBody.Refused.class, InvocationBody.read(longName));
        assertEquals("FieldNameTooLong", name.why().code());
        assertTrue(name.why().getMessage().length() < 200);
        assertFalse(assertInstanceOf(InvocationBody.Refused.class, InvocationBody.read("{\"eventType\": 1} x"))
                .sweepShaped(), "an event's refusal keeps the event result's shape");
    }

    @Test
    void everyFieldButTheCompartmentHasADefault() {
        SweepRequest r = SweepRequest.parse(sweep("{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}}"));
        assertTrue(r.includeSubcompartments());
        assertEquals(SweepRequest.checkedTypes(), r.types());
        assertEquals(Optional.empty(), r.mode());
        assertTrue(r.maxRemediations().isEmpty());
        assertTrue(r.continuation().isEmpty());
    }

    @Test
    void typesKeepTheirOrderWithoutRepeats() {
        SweepRequest r = SweepRequest.parse(sweep("{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1..c\","
                + " \"resourceTypes\": [\"database\", \"block-volume\", \"database\"], \"mode\": \"remediate\","
                + " \"maxRemediations\": 3, \"includeSubcompartments\": false}}"));
        assertEquals(List.of("database", "block-volume"), r.types().stream().map(ResourceType::name).toList());
        assertEquals(Optional.of(Mode.REMEDIATE), r.mode());
        assertEquals(3, r.maxRemediations().getAsInt());
        assertFalse(r.includeSubcompartments());
    }

    @Test
    void valuesMatchExactlyAndEveryIdIsCheckedBeforeAnyCall() {
        String t = "\"compartmentId\": \"ocid1.tenancy.oc1..t\"";
        assertEquals("InvalidMode", parseCode("{" + t + ", \"mode\": \"remedıate\"}"), "no locale folding");
        assertEquals("InvalidMode", parseCode("{" + t + ", \"mode\": \"Remediate\"}"));
        assertEquals("InvalidMode", parseCode("{" + t + ", \"mode\": \" remediate\"}"));
        assertEquals("InvalidResourceTypes", parseCode("{" + t + ", \"resourceTypes\": [\"Block-Volume\"]}"));
        assertEquals("InvalidResourceTypes", parseCode("{" + t + ", \"resourceTypes\": [[\"block-volume\"]]}"));
        assertEquals("InvalidResourceTypes", parseCode("{" + t + ", \"resourceTypes\": [\"block-volume-replica\"]}"));
        assertEquals("InvalidSweep", parseCode("{" + t + ", \"dryRun\": true}"));
        assertEquals("InvalidSweep", parseCode("{" + t + ", \"includeSubcompartments\": \"yes\"}"));
        assertEquals("InvalidMaxRemediations", parseCode("{" + t + ", \"maxRemediations\": 2.5}"));
        assertEquals("InvalidMaxRemediations", parseCode("{" + t + ", \"maxRemediations\": 100001}"));
        assertEquals("InvalidMaxRemediations", parseCode("{" + t + ", \"maxRemediations\": 99999999999999}"));
        assertEquals("InvalidContinuation", parseCode("{" + t + ", \"continuation\": \"" + "v2.".repeat(2000) + "\"}"));
        for (String id : List.of("ocid1.volume.oc1.iad.x", "ocid1.tenancy.oc1.iad.t", "ocid1.tenancy.xx1..t",
                " ocid1.tenancy.oc1..t", "ocid1.compartment.oc1.." + "a".repeat(4_000), "not an ocid")) {
            BadSweepException e = assertThrows(BadSweepException.class, () -> SweepRequest.parse(sweep(
                    "{\"sweep\": {\"compartmentId\": \"" + id + "\"}}")), id);
            assertEquals("InvalidCompartmentId", e.code(), id);
            assertTrue(e.getMessage().length() < 400, "a bounded echo: " + e.getMessage().length());
        }
        assertEquals("", SweepRequest.echoedCompartment("ocid1.compartment.oc1.." + "a".repeat(2_000_000)));
        BadSweepException unknown = assertThrows(BadSweepException.class, () -> SweepRequest.parse(sweep(
                "{\"sweep\": {\"" + "f".repeat(200) + "\": 1}}")));
        assertTrue(unknown.getMessage().length() < 400, unknown.getMessage());
    }

    @Test
    void aContinuationIsSignedAndAnyEditIsRefused() {
        ContinuationKeys keys = keys(KEY, null);
        Continuation c = token(2);
        String encoded = c.encode(keys);
        assertTrue(encoded.length() < 1_000, "bounded: " + encoded.length());
        assertEquals(c, Continuation.decode(encoded, keys, NOW.plusSeconds(60)));

        String payload = encoded.substring(3, encoded.lastIndexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        for (String[] edit : new String[][] {{"\"writes\":2", "\"writes\":0"},
                {"\"maxRemediations\":3", "\"maxRemediations\":1000"}, {"\"mode\":\"remediate\"", "\"mode\":\"\""},
                {"\"includeSubcompartments\":true", "\"includeSubcompartments\":false"},
                {"\"compartmentKey\":\"ocid1.compartment.oc1..b\"", "\"compartmentKey\":\"zzz\""},
                {"sweep-0f0e0d0c", "sweep-0f0e0d0d"}}) {
            assertTrue(json.contains(edit[0]), edit[0]);
            String edited = "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.replace(edit[0], edit[1])
                    .getBytes(StandardCharsets.UTF_8)) + encoded.substring(encoded.lastIndexOf('.'));
            BadSweepException e = assertThrows(BadSweepException.class, () -> Continuation.decode(edited, keys, NOW),
                    edit[1]);
            assertEquals("InvalidContinuation", e.code());
        }
        String v1 = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("InvalidContinuation", assertThrows(BadSweepException.class,
                () -> Continuation.decode(v1, keys, NOW)).code(), "an unsigned token of the previous version");
        assertEquals("InvalidContinuation", assertThrows(BadSweepException.class,
                () -> Continuation.decode(encoded, keys(OTHER_KEY, null), NOW)).code(), "another function's key");
        assertEquals("ContinuationExpired", assertThrows(BadSweepException.class,
                () -> Continuation.decode(encoded, keys, NOW.plus(Continuation.LIFETIME))).code());
    }

    @Test
    void aRotatedKeyStillVerifiesTheTokensInFlightAndAnInstanceKeyOnlyItsOwn() {
        String issued = token(0).encode(keys(KEY, null));
        assertEquals(token(0), Continuation.decode(issued, keys(OTHER_KEY, KEY), NOW), "the previous key verifies");
        String next = token(0).encode(keys(OTHER_KEY, KEY));
        assertEquals("InvalidContinuation", assertThrows(BadSweepException.class,
                () -> Continuation.decode(next, keys(KEY, null), NOW)).code(), "the new key signs");

        ContinuationKeys instance = keys(null, null);
        assertTrue(instance.generated());
        assertEquals(token(0), Continuation.decode(token(0).encode(instance), instance, NOW));
        BadSweepException other = assertThrows(BadSweepException.class,
                () -> Continuation.decode(token(0).encode(instance), keys(null, null), NOW));
        assertTrue(other.getMessage().contains("CMK_GUARD_CONTINUATION_KEY"), other.getMessage());
    }

    @Test
    void aSpentTokenIsRefusedUntilItWouldHaveExpired() {
        SpentContinuations spent = new SpentContinuations();
        Instant expires = NOW.plus(Continuation.LIFETIME);
        assertTrue(spent.claim("s", "a", expires, NOW));
        assertFalse(spent.claim("s", "a", expires, NOW.plusSeconds(3600)));
        assertTrue(spent.claim("s", "b", expires, NOW));
        spent.release("s", "b");
        assertTrue(spent.claim("s", "b", expires, NOW), "released: its invocation judged nothing");
        assertTrue(spent.claim("s", "a", expires.plusSeconds(1), expires), "forgotten once expired (refused anyway)");
    }
}
