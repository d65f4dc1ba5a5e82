package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.LeakScan;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.GeneratedWorld.Fate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile sweep bodies and continuation tokens thrown at a function in remediate mode (real SDK
 * clients, the emulator): each bad one answers an ERROR with a code before anything is called (so it
 * cannot write), bounded and at once; each valid variant answers a truthful report.
 */
class SweepFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratedWorld WORLD = GeneratedWorld.generate(0, 0, 4, 21);
    private static final String TENANCY = GeneratedWorld.TENANCY;
    private static final Map<String, AtomicInteger> CODES = new TreeMap<>();
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    private static EmulatedCloud cloud;
    private static CmkGuard guard;
    /** Another instance, with time enough to finish a sweep: for the valid variants. */
    private static CmkGuard steady;
    /** Tokens this function issued (audit sweeps cut by their deadline), to be mutated. */
    private static final List<String> TOKENS = new ArrayList<>();

    @BeforeContainer
    static void start() {
        cloud = new EmulatedCloud(WORLD.world(), EmulatorOptions.trusting());
        guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY, "CMK_GUARD_SWEEP_DEADLINE_SECONDS",
                "1")), new PrintStream(LOG, true, StandardCharsets.UTF_8), new TickingClock(Duration.ofMillis(100)));
        steady = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY, "CMK_GUARD_SWEEP_DEADLINE_SECONDS",
                "600")), new PrintStream(LOG, true, StandardCharsets.UTF_8), Clock.systemUTC());
        String token = null;
        do {
            JsonNode part = answer(guard, "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\", \"mode\": \"audit\""
                    + (token == null ? "" : ", \"continuation\": \"" + token + "\"") + "}}");
            token = part.path("continuation").isNull() ? null : part.path("continuation").asText();
            if (token != null) {
                TOKENS.add(token);
            }
        } while (token != null && TOKENS.size() < 50);
        assertTrue(TOKENS.size() >= 2, "tokens to mutate: " + TOKENS.size());
    }

    @AfterContainer
    static void stop() {
        System.out.println("sweep fuzz: " + TRIED.get() + " hostile bodies and tokens, codes " + CODES);
        LeakScan.said("the function log", LOG.toString(StandardCharsets.UTF_8));
        guard.close();
        steady.close();
        cloud.close();
    }

    private static JsonNode answer(CmkGuard instance, String body) {
        String answer = instance.handle(body);
        LeakScan.said("a sweep answer", answer);
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    /** A valid remediating sweep's fields, in order, as raw JSON text values. */
    private static LinkedHashMap<String, String> validFields() {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("compartmentId", "\"" + TENANCY + "\"");
        f.put("includeSubcompartments", "true");
        f.put("resourceTypes", "[\"block-volume\", \"boot-volume\"]");
        f.put("mode", "\"remediate\"");
        f.put("maxRemediations", "5");
        return f;
    }

    private static String object(Map<String, String> fields) {
        List<String> members = new ArrayList<>();
        fields.forEach((k, v) -> members.add("\"" + k + "\": " + v));
        return "{" + String.join(", ", members) + "}";
    }

    private static final List<String> HOSTILE_TEXT = List.of("remedıate", "REMEDİATE", "Remediate", "remediate ",
            " remediate", "remediate\u200b", "ｒｅｍｅｄｉａｔｅ", "remediate\u0000", "re\\u006dediate\\n", "", " ",
            "ocid1.compartment.oc1..a\\nb", "x".repeat(5_000), "$(touch /tmp/x)", "\\u202eetaidemer");
    private static final List<String> WRONG_VALUES = List.of("1", "-1", "1e3", "2.5", "true", "false", "[]", "{}",
            "[null]", "\"\"", "99999999999999999999", "{\"a\": [1, {\"b\": 2}]}", "\"ocid1.volume.oc1.iad.x\"");

    /** One defect that makes a sweep body invalid, applied to its fields or to the whole text. */
    private static List<UnaryOperator<String>> bodyDefects(Random random, LinkedHashMap<String, String> fields) {
        String hostile = "\"" + HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())) + "\"";
        String wrong = WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()));
        List<String> names = new ArrayList<>(fields.keySet());
        String field = names.get(random.nextInt(names.size()));
        return List.of(
                body -> body.replace("\"mode\": \"remediate\"", "\"mode\": " + hostile),
                body -> body.replace("\"mode\": \"remediate\"", "\"mode\": " + wrong),
                body -> body.replace("\"compartmentId\": \"" + TENANCY + "\"", "\"compartmentId\": " + hostile),
                body -> body.replace("\"compartmentId\": \"" + TENANCY + "\"", "\"compartmentId\": " + wrong),
                body -> body.replace("\"block-volume\"", hostile),
                body -> body.replace("[\"block-volume\", \"boot-volume\"]", wrong.equals("[]") ? "[]" : "[" + wrong + "]"),
                body -> body.replace("\"maxRemediations\": 5", "\"maxRemediations\": "
                        + List.of("-1", "2.5", "\"5\"", "100001", "1e400", "99999999999").get(random.nextInt(6))),
                body -> body.replace("\"includeSubcompartments\": true", "\"includeSubcompartments\": "
                        + List.of("1", "\"true\"", "[]", "\"yes\"").get(random.nextInt(4))),
                body -> body.replace("\"" + field + "\": ", "\"" + field + "\": " + fields.get(field) + ", \""
                        + field + "\": "), // a key given twice
                body -> body.replace("{\"sweep\": {", "{\"sweep\": {\"x" + random.nextInt(1000) + "\": 1, "),
                body -> body.replace("{\"sweep\": {", "{\"" + List.of("dryRun", "force", "eventType", "data",
                        "sweep").get(random.nextInt(5)) + "\": true, \"sweep\": {"),
                body -> body + List.of(" x", "{}", " ,", "\u0000", "]", " {\"sweep\": {}}").get(random.nextInt(6)),
                body -> body.replace("\"sweep\": {", "\"sweep\": " + "[".repeat(70 + random.nextInt(900)) + "{")
                        + "]".repeat(5),
                body -> body.substring(0, 1 + random.nextInt(body.length() - 1)),
                body -> body.replace("{\"sweep\": {", "{\"sweep\": {\"" + "n".repeat(257 + random.nextInt(50_000))
                        + "\": 1, "),
                body -> body.replace("\"mode\": \"remediate\"", "\"mode\": \"remediate\", \"continuation\": "
                        + hostile));
    }

    @Provide
    Arbitrary<String> hostileBodies() {
        return Arbitraries.randomValue(random -> {
            LinkedHashMap<String, String> fields = validFields();
            String valid = "{\"sweep\": " + object(fields) + "}";
            String body = valid;
            int defects = 1 + random.nextInt(3);
            for (int i = 0; i < defects; i++) {
                List<UnaryOperator<String>> all = bodyDefects(random, fields);
                String changed = all.get(random.nextInt(all.size())).apply(body);
                body = changed.equals(body) ? body + " x" : changed; // a defect that found nothing to change still breaks it
            }
            // a cut after an appended suffix can give the valid body back: that sample is not hostile
            return body.equals(valid) ? body + " x" : body;
        });
    }

    /** A token this function issued, changed in one of the ways an attacker would. */
    @Provide
    Arbitrary<String> hostileTokens() {
        return Arbitraries.randomValue(random -> {
            String token = TOKENS.get(random.nextInt(TOKENS.size()));
            int dot = token.lastIndexOf('.');
            char[] chars = token.toCharArray();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
            return switch (random.nextInt(8)) {
                case 0 -> { // one character of the data or the signature changed
                    int at = 3 + random.nextInt(chars.length - 3);
                    char c;
                    do {
                        c = alphabet.charAt(random.nextInt(alphabet.length()));
                    } while (c == chars[at]);
                    chars[at] = c;
                    yield new String(chars);
                }
                case 1 -> token.substring(0, 3 + random.nextInt(token.length() - 3));
                case 2 -> token + alphabet.charAt(random.nextInt(alphabet.length() - 1));
                case 3 -> token.substring(0, dot + 1) + "A".repeat(43);
                case 4 -> "v1." + token.substring(3, dot);
                case 5 -> TOKENS.get((TOKENS.indexOf(token) + 1) % TOKENS.size()).substring(0,
                        TOKENS.get((TOKENS.indexOf(token) + 1) % TOKENS.size()).lastIndexOf('.')) + token.substring(dot);
                case 6 -> token.substring(0, dot) + "." + token.substring(0, dot).hashCode();
                default -> "v2." + "x".repeat(random.nextInt(5_000)) + "." + token.substring(dot + 1);
            };
        });
    }

    // ---- properties --------------------------------------------------------------------------------

    @Property(tries = 1500)
    void aHostileSweepBodyIsRefusedWithACodeAndCallsNothing(@ForAll("hostileBodies") String body) {
        refusedWithoutACall(body);
    }

    @Property(tries = 500)
    void anAlteredTokenIsRefusedWithACodeAndCallsNothing(@ForAll("hostileTokens") String token) {
        refusedWithoutACall("{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\", \"mode\": \"audit\","
                + " \"continuation\": \"" + token + "\"}}");
    }

    @Property(tries = 15)
    void aValidVariantAnswersATruthfulReport(@ForAll("validVariants") String body) {
        int writes = writes();
        JsonNode r = answer(steady, body);
        TRIED.incrementAndGet();
        assertTrue(r.path("error").isNull(), body + " -> " + r.path("error"));
        assertEquals(writes, writes(), "an audit sweep writes nothing");
        assertEquals(WORLD.ids("volumes", Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED).size(),
                r.path("byType").path("block-volume").path("scanned").asInt(), r.toString());
        assertTrue(r.path("unjudged").isEmpty());
    }

    @Provide
    Arbitrary<String> validVariants() {
        return Arbitraries.randomValue(random -> {
            List<String> members = new ArrayList<>(List.of("\"compartmentId\": \"" + TENANCY + "\"",
                    "\"mode\": \"audit\"", "\"resourceTypes\": [\"block-volume\", \"block-volume\"]",
                    "\"includeSubcompartments\": " + (random.nextBoolean() ? "null" : "true"),
                    "\"maxRemediations\": " + random.nextInt(100_001)));
            java.util.Collections.shuffle(members, random);
            String space = " \t\r\n".substring(0, random.nextInt(5));
            return space + "{" + space + "\"sweep\"" + space + ":" + space + "{" + String.join("," + space, members)
                    + "}" + space + "}" + space;
        });
    }

    private static int writes() {
        return (int) cloud.emulator.requests().stream().filter(r -> !r.method().equals("GET")).count();
    }

    private static void refusedWithoutACall(String body) {
        int requests = cloud.emulator.requests().size();
        int messages = cloud.emulator.messages().size();
        String text = guard.handle(body);
        TRIED.incrementAndGet();
        LeakScan.said("a sweep answer", text);
        JsonNode r;
        try {
            r = JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        String code = r.path("error").path("code").asText();
        assertFalse(code.isBlank(), () -> "no code for " + head(body) + "\n" + r);
        CODES.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        assertTrue(text.length() < 8_000, () -> "an answer of " + text.length() + " characters for " + head(body));
        assertEquals(requests, cloud.emulator.requests().size(), () -> "a refused body reached OCI: " + head(body));
        assertEquals(messages, cloud.emulator.messages().size());
        if (r.has("sweepId")) { // answered as a sweep report: refused before it started, so at once
            assertFalse(r.path("complete").asBoolean());
            assertEquals(0, r.path("scanned").asInt());
            assertEquals(0, r.path("durationMs").asLong(), () -> "refused before any work: " + r);
        }
    }

    private static String head(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…(" + body.length() + " chars)";
    }
}
