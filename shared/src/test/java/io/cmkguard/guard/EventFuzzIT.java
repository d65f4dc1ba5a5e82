package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated bad bodies through CmkGuard (remediate mode, real SDK clients, the emulator):
 * every one is answered with a result that has a code, and not one reaches OCI, so nothing is written.
 */
class EventFuzzIT {
    private static final Set<String> VERDICTS = Set.of("ERROR", "IGNORED");
    private static EmulatedTenancy tenancy;
    private static final Map<String, AtomicInteger> CODES = new TreeMap<>();
    private static final AtomicInteger TRIED = new AtomicInteger();

    @BeforeContainer
    static void start() {
        tenancy = new EmulatedTenancy().guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM));
    }

    @AfterContainer
    static void stop() {
        // a figure for the README, not an assertion on it
        System.out.println("event fuzz: " + TRIED.get() + " bad bodies, " + tenancy.emulator.requests().size()
                + " OCI calls, " + tenancy.writes().size() + " writes, codes " + CODES);
        tenancy.close();
    }

    @Provide
    Arbitrary<String> randomJson() {
        return Arbitraries.randomValue(BadBodies::randomJson);
    }

    @Provide
    Arbitrary<String> brokenSamples() {
        return Arbitraries.randomValue(BadBodies::brokenSample);
    }

    @Property(tries = 3000)
    void randomJsonIsAnsweredWithACodeAndNoCall(@ForAll("randomJson") String body) {
        answeredWithoutACall(body);
    }

    @Property(tries = 2000)
    void aBrokenSampleIsAnsweredWithACodeAndNoCall(@ForAll("brokenSamples") String body) {
        answeredWithoutACall(body);
    }

    private static void answeredWithoutACall(String body) {
        JsonNode r = tenancy.sendBody(body);
        TRIED.incrementAndGet();
        String verdict = r.path("verdict").asText();
        assertTrue(VERDICTS.contains(verdict), () -> "verdict " + verdict + " for " + head(body) + "\n" + r);
        String code = verdict.equals("IGNORED") ? "IGNORED" : r.path("error").path("code").asText();
        assertFalse(code.isBlank(), () -> "no code for " + head(body) + "\n" + r);
        CODES.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        assertFalse(r.path("reasons").isEmpty());
        assertTrue(r.toString().length() < 8_000, () -> "answer of " + r.toString().length() + " chars");
        assertEquals(0, tenancy.emulator.requests().size(), () -> "a bad body reached OCI: " + head(body)
                + "\n" + tenancy.emulator.requests());
        assertEquals(0, tenancy.emulator.messages().size());
    }

    private static String head(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…(" + body.length() + " chars)";
    }
}
