package io.cmkguard.guard;

import io.cmkguard.guard.sweep.Continuation;
import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.LeakScan;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.GeneratedWorld.Fate;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.World;
import io.cmkguard.resource.Listing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile sweep cases of issue 18, each through CmkGuard with the real SDK clients against the
 * emulator: bodies that must write nothing, continuation tokens that must mean only what the function
 * issued, and sweeps that must tell the truth and answer in time when OCI's listings misbehave.
 */
class SweepHostileIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTINUATION_KEY = "test-continuation-key-0123456789abcdef";
    private static final GeneratedWorld SMALL = GeneratedWorld.generate(1, 2, 6, 5);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        LeakScan.said("the function log", log.toString(StandardCharsets.UTF_8));
    }

    private EmulatedCloud cloud(World world) {
        EmulatedCloud cloud = new EmulatedCloud(world, EmulatorOptions.trusting());
        open.add(cloud);
        return cloud;
    }

    private CmkGuard guard(EmulatedCloud cloud, Map<String, String> config, Clock clock) {
        CmkGuard guard = CmkGuard.start(cloud.config(config), new PrintStream(log, true, StandardCharsets.UTF_8), clock);
        open.add(guard);
        return guard;
    }

    /** A function instance in remediate mode (key and topic set): every accepted sweep may write. */
    private CmkGuard remediating(EmulatedCloud cloud, Map<String, String> more, Clock clock) {
        Map<String, String> config = new HashMap<>(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY));
        config.putAll(more);
        return guard(cloud, config, clock);
    }

    private static JsonNode answer(CmkGuard guard, String body) {
        String answer = guard.handle(body);
        LeakScan.said("a sweep answer", answer);
        assertTrue(answer.length() < 64 * 1024, "a bounded answer: " + answer.length() + " characters");
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(String fields) {
        return "{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\"" + fields + "}}";
    }

    private static List<RecordedRequest> writes(EmulatedCloud cloud) {
        return cloud.emulator.requests().stream().filter(r -> !r.method().equals("GET")
                && !r.path().endsWith("/messages")).toList();
    }

    private static String code(JsonNode answer) {
        return answer.path("error").path("code").asText();
    }

    // ---- Writes on bad bodies ---------------------------------------------------------------------

    @Test
    void badBodiesInRemediateModeAnswerTheirCodeAndCallNothing() {
        EmulatedCloud cloud = cloud(SMALL.world());
        CmkGuard guard = remediating(cloud, Map.of(), Clock.systemUTC());
        String tenancy = "\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\"";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"audit\"}, \"sweep\": {" + tenancy
                + ", \"mode\": \"remediate\"}}", "MalformedJson");
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"audit\", \"mode\": \"remediate\"}}", "MalformedJson");
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"remediate\"}} garbage", "MalformedJson");
        cases.put("{\"eventType\": \"com.oraclecloud.blockvolumes.createvolume.end\", \"eventID\": \"e-1\","
                + " \"data\": {\"resourceId\": \"ocid1.volume.oc1.iad.gen0x0\"}, \"sweep\": {" + tenancy
                + ", \"mode\": \"remediate\"}}", "AmbiguousBody");
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"remediate\"}, \"dryRun\": true}", "InvalidSweep");
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"remediate\", \"dryRun\": true}}", "InvalidSweep");
        cases.put("{\"sweep\": {" + tenancy + ", \"mode\": \"remedıate\"}}", "InvalidMode");
        cases.put("{\"sweep\": {" + tenancy + ", \"resourceTypes\": [\"block-volume\", \"x" + "y".repeat(6_400_000)
                + "\"]}}", "BodyTooLarge");
        cases.put("{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1.." + "a".repeat(2_000_000) + "\"}}",
                "BodyTooLarge");
        cases.put("{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1.." + "a".repeat(4_000) + "\"}}",
                "InvalidCompartmentId");
        cases.put("{\"sweep\": {" + tenancy + ", \"" + "n".repeat(49_000) + "\": 1}}", "FieldNameTooLong");
        cases.put("{\"sweep\": {" + tenancy + ", \"resourceTypes\": " + "[".repeat(900) + "]".repeat(900) + "}}",
                "TooDeeplyNested");
        cases.forEach((body, code) -> {
            JsonNode r = answer(guard, body);
            String head = body.substring(0, Math.min(120, body.length()));
            assertEquals(code, code(r), head + " -> " + r);
            assertTrue(r.path("error").path("message").asText().length() < 1_000, head);
            assertFalse(r.path("complete").asBoolean(), head);
            assertEquals(0, r.path("scanned").asInt(), head);
            assertTrue(r.path("sweepId").asText().isEmpty(), "no sweep was started: " + head);
        });
        assertEquals(List.of(), cloud.emulator.requests(), "not one call, so not one write");
        assertEquals(0, cloud.emulator.messages().size());
    }

    // ---- Continuation tokens ----------------------------------------------------------------------

    /** Follows a sweep to its end; every token it answered, in order. */
    private static List<String> followed(CmkGuard guard, String fields, List<JsonNode> reports) {
        List<String> tokens = new ArrayList<>();
        String token = null;
        do {
            JsonNode part = answer(guard, body(fields + (token == null ? "" : ", \"continuation\": \"" + token + "\"")));
            assertTrue(part.path("error").isNull(), part.path("error").toString());
            reports.add(part);
            token = part.path("continuation").isNull() ? null : part.path("continuation").asText();
            if (token != null) {
                tokens.add(token);
            }
        } while (token != null && reports.size() < 300);
        return tokens;
    }

    @Test
    void aReplayedOrEditedTokenNeverSpendsTheBudgetAgain() {
        EmulatedCloud cloud = cloud(SMALL.world());
        CmkGuard guard = remediating(cloud, Map.of("CMK_GUARD_SWEEP_DEADLINE_SECONDS", "1"),
                new TickingClock(Duration.ofMillis(100)));
        String fields = ", \"mode\": \"remediate\", \"maxRemediations\": 3, \"resourceTypes\": [\"block-volume\","
                + " \"boot-volume\"]";
        List<JsonNode> reports = new ArrayList<>();
        List<String> tokens = followed(guard, fields, reports);
        assertTrue(tokens.size() >= 2, "the deadline cut the sweep: " + tokens.size() + " tokens");
        assertEquals(3, writes(cloud).size(), "the budget, exactly");
        int messages = cloud.emulator.messages().size();
        int requests = cloud.emulator.requests().size();

        for (String used : tokens) {
            JsonNode replay = answer(guard, body(fields + ", \"continuation\": \"" + used + "\""));
            assertEquals("ContinuationReplayed", code(replay), replay.toString());
        }
        String first = tokens.get(0);
        String json = new String(Base64.getUrlDecoder().decode(first.substring(3, first.lastIndexOf('.'))),
                StandardCharsets.UTF_8);
        String moreBudget = json.replace("\"maxRemediations\":3", "\"maxRemediations\":1000");
        for (String edited : List.of(moreBudget, moreBudget.replaceAll("\"writes\":\\d+", "\"writes\":0"),
                json.replaceAll("\"writeFailures\":\\d+", "\"writeFailures\":-5"))) {
            assertFalse(edited.equals(json));
            String forged = "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited
                    .getBytes(StandardCharsets.UTF_8)) + first.substring(first.lastIndexOf('.'));
            JsonNode r = answer(guard, body(", \"continuation\": \"" + forged + "\""));
            assertEquals("InvalidContinuation", code(r), edited + " -> " + r);
        }
        assertEquals(3, writes(cloud).size(), "no replay or edit wrote again");
        assertEquals(messages, cloud.emulator.messages().size(), "nor published another digest");
        assertEquals(requests, cloud.emulator.requests().size(), "nor called OCI at all");
    }

    @Test
    void aTokenMeansOnlyWhatTheFunctionIssued() {
        EmulatedCloud cloud = cloud(SMALL.world());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_TOPIC_ID", GeneratedWorld.TOPIC,
                        "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY, "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "1"),
                new TickingClock(Duration.ofMillis(10)));
        JsonNode first = answer(guard, body(", \"mode\": \"audit\""));
        assertTrue(first.path("sweepId").asText().matches("sweep-[0-9a-f-]{36}"), first.path("sweepId").asText());
        String token = first.path("continuation").asText();
        assertFalse(token.isEmpty(), first.toString());
        String payload = token.substring(3, token.lastIndexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        int requests = cloud.emulator.requests().size();

        List<String> edits = new ArrayList<>(List.of(
                json.replace("\"mode\":\"audit\"", "\"mode\":\"remediate\""),
                json.replace("\"includeSubcompartments\":true", "\"includeSubcompartments\":false"),
                json.replaceAll("\"compartmentKey\":\"[^\"]*\"", "\"compartmentKey\":\"zzzz\""),
                json.replace(first.path("sweepId").asText(), "sweep-1\\n[cmk-guard] All clear"),
                json.replace(first.path("sweepId").asText(), "s".repeat(70_000))));
        for (String edited : edits) {
            assertFalse(edited.equals(json), "each edit changes the token");
            String forged = "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited
                    .getBytes(StandardCharsets.UTF_8)) + token.substring(token.lastIndexOf('.'));
            JsonNode r = answer(guard, body(", \"mode\": \"audit\", \"continuation\": \"" + forged + "\""));
            assertEquals("InvalidContinuation", code(r), r.toString());
        }
        assertEquals(requests, cloud.emulator.requests().size(), "a forged token calls nothing");
        assertEquals(0, writes(cloud).size());

        // the body may repeat the token's settings, never change them
        String cont = ", \"continuation\": \"" + token + "\"";
        assertEquals("ContinuationMismatch", code(answer(guard, body(cont + ", \"resourceTypes\": [\"database\"]"))));
        assertEquals("ContinuationMismatch", code(answer(guard, body(cont + ", \"includeSubcompartments\": false"))));
        assertEquals("ContinuationMismatch", code(answer(guard, body(cont + ", \"mode\": \"notify\""))));
        assertEquals("ContinuationMismatch", code(answer(guard, "{\"sweep\": {\"compartmentId\": \""
                + SMALL.compartments().get(1) + "\"" + cont + "}}")));
        JsonNode same = answer(guard, body(cont + ", \"mode\": \"audit\", \"includeSubcompartments\": true"));
        assertTrue(same.path("error").isNull(), same.toString());
        assertEquals(first.path("sweepId").asText(), same.path("sweepId").asText(), "a continued sweep keeps its id");
        JsonNode again = answer(guard, body(cont + ", \"mode\": \"audit\""));
        assertTrue(again.path("error").isNull(), "an audit token spends no budget: it may be sent again " + again);
    }

    @Test
    void anotherInstanceContinuesOnlyWithTheConfiguredKey() {
        EmulatedCloud cloud = cloud(SMALL.world());
        Map<String, String> ownKey = Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "1");
        String token = answer(guard(cloud, ownKey, new TickingClock(Duration.ofMillis(10))), body(""))
                .path("continuation").asText();
        JsonNode elsewhere = answer(guard(cloud, ownKey, Clock.systemUTC()), body(", \"continuation\": \"" + token
                + "\""));
        assertEquals("InvalidContinuation", code(elsewhere));
        assertTrue(elsewhere.path("error").path("message").asText().contains("CMK_GUARD_CONTINUATION_KEY"));

        LeakScan.secret(CONTINUATION_KEY);
        Map<String, String> sharedKey = new HashMap<>(ownKey);
        sharedKey.put("CMK_GUARD_CONTINUATION_KEY", CONTINUATION_KEY);
        String shared = answer(guard(cloud, sharedKey, new TickingClock(Duration.ofMillis(10))), body(""))
                .path("continuation").asText();
        JsonNode continued = answer(guard(cloud, sharedKey, new TickingClock(Duration.ofMillis(10))), body(", \"continuation\": \"" + shared
                + "\""));
        assertTrue(continued.path("error").isNull(), continued.toString());

        Map<String, String> rotated = new HashMap<>(ownKey);
        rotated.put("CMK_GUARD_CONTINUATION_KEY", "the-next-continuation-key-after-rotation");
        rotated.put("CMK_GUARD_CONTINUATION_KEY_PREVIOUS", CONTINUATION_KEY);
        LeakScan.secret(rotated.get("CMK_GUARD_CONTINUATION_KEY"));
        JsonNode afterRotation = answer(guard(cloud, rotated, new TickingClock(Duration.ofMillis(10))), body(", \"continuation\": \""
                + shared + "\""));
        assertTrue(afterRotation.path("error").isNull(), "a token in flight survives a rotation: " + afterRotation);
    }

    // ---- Sweeps that lie or overrun ----------------------------------------------------------------

    @Test
    void aListingThatFailsOnPage2JudgesPage1AndSaysWhatIsUnjudged() {
        GeneratedWorld world = GeneratedWorld.generate(0, 0, 150, 7);
        EmulatedCloud cloud = cloud(world.world()
                .withFault(Fault.on("GET", "/20160918/volumes").times(1)) // page 1 answers
                .withFault(Fault.on("GET", "/20160918/volumes").respond(500, "InternalServerError")));
        JsonNode r = answer(guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC()),
                body(", \"resourceTypes\": [\"block-volume\"]"));

        List<String> page1 = new ArrayList<>(world.fates("volumes").keySet()).subList(0, 100);
        long live = page1.stream().filter(id -> world.fates("volumes").get(id) != Fate.TERMINATED).count();
        assertEquals(live, r.path("scanned").asInt(), "the 100 listed before the failure are judged");
        assertFalse(r.path("complete").asBoolean(), "a failed listing is never complete");
        assertTrue(r.path("continuation").isNull());
        JsonNode unjudged = r.path("unjudged");
        assertEquals(1, unjudged.size(), r.toString());
        assertEquals(GeneratedWorld.TENANCY, unjudged.get(0).path("compartmentId").asText());
        assertEquals("block-volume", unjudged.get(0).path("resourceType").asText());
        assertEquals("InternalServerError", unjudged.get(0).path("code").asText());
        assertEquals(live, unjudged.get(0).path("listedBefore").asInt(), "the live ones of the 100 listed");
        boolean errorFinding = false;
        for (JsonNode f : r.path("findings")) {
            errorFinding |= f.path("resourceId").asText().equals(GeneratedWorld.TENANCY)
                    && f.path("verdict").asText().equals("ERROR");
        }
        assertTrue(errorFinding, "the listing's ERROR is a finding");
    }

    @Test
    void aResourceInTwoListsIsJudgedAndWrittenOnce() {
        GeneratedWorld world = GeneratedWorld.generate(1, 1, 4, 3);
        String moved = world.ids("volumes", Fate.ORACLE_MANAGED).get(0);
        ObjectNode copy = (ObjectNode) world.world().resources("volumes").stream()
                .filter(v -> v.path("id").asText().equals(moved)).findFirst().orElseThrow().deepCopy();
        // listed again in every ListVolumes answer: twice in its own compartment, once in the other one
        EmulatedCloud cloud = cloud(world.world().withFault(Fault.on("GET", "/20160918/volumes")
                .extraItems(List.of(copy)).repeatItems()));
        JsonNode r = answer(remediating(cloud, Map.of(), Clock.systemUTC()),
                body(", \"mode\": \"remediate\", \"maxRemediations\": 100, \"resourceTypes\": [\"block-volume\"]"));

        long movedFindings = 0;
        for (JsonNode f : r.path("findings")) {
            movedFindings += f.path("resourceId").asText().equals(moved) ? 1 : 0;
        }
        assertEquals(1, movedFindings, r.toString());
        assertEquals(1, writes(cloud).stream().filter(w -> w.path().contains(moved)).count(), "written once");
        int live = world.ids("volumes", Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED).size();
        assertEquals(live, r.path("scanned").asInt(), "every volume judged once");
        assertEquals(world.ids("volumes", Fate.ORACLE_MANAGED).size(), writes(cloud).size());
        assertTrue(r.path("complete").asBoolean());
    }

    @Test
    void endlessPageTokensEndAtThePageCapOrTheDeadlineWithAnUnjudgedFinding() {
        EmulatedCloud cloud = cloud(SMALL.world().withFault(Fault.on("GET", "/20160918/volumes").endlessPages()));
        JsonNode r = answer(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"),
                Clock.systemUTC()), body(", \"resourceTypes\": [\"block-volume\"], \"includeSubcompartments\": false"));

        assertFalse(r.path("complete").asBoolean());
        assertEquals(Listing.PAGE_LIMIT_EXCEEDED, r.path("unjudged").get(0).path("code").asText(), r.toString());
        assertEquals(Listing.MAX_PAGES, cloud.emulator.requests().stream()
                .filter(q -> q.path().equals("/20160918/volumes")).count(), "stopped at the cap");
        int live = SMALL.ids("volumes", Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED).stream()
                .filter(id -> id.contains(".gen0x")).toList().size();
        assertEquals(live, r.path("scanned").asInt(), "the replayed page's volumes, each judged once");

        // with a deadline, the same endless listing is cut by it: the sweep answers on time
        EmulatedCloud cut = cloud(SMALL.world().withFault(Fault.on("GET", "/20160918/volumes").endlessPages()));
        JsonNode timed = answer(guard(cut, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "2"),
                new TickingClock(Duration.ofMillis(10))), body(", \"resourceTypes\": [\"block-volume\"]"));
        assertEquals(Listing.DEADLINE_EXCEEDED, timed.path("unjudged").get(0).path("code").asText(), timed.toString());
        assertTrue(cut.emulator.requests().size() < 400, "cut by the deadline, not the cap: "
                + cut.emulator.requests().size());
        assertFalse(timed.path("complete").asBoolean());
    }

    @Test
    void anEndlessCompartmentListingIsAnErrorAnsweredInTime() {
        EmulatedCloud cloud = cloud(SMALL.world().withFault(Fault.on("GET", "/20160918/compartments").endlessPages()));
        JsonNode r = answer(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "2"),
                new TickingClock(Duration.ofMillis(10))), body(""));
        assertTrue(Set.of(Listing.DEADLINE_EXCEEDED, Listing.PAGE_LIMIT_EXCEEDED).contains(code(r)), r.toString());
        assertFalse(r.path("complete").asBoolean());
        assertEquals(0, r.path("scanned").asInt());
    }

    @Test
    void tenThousandEmptyCompartmentsAnswerAContinuationAtTheDeadlineAndMoveOn() {
        List<ObjectNode> empty = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ObjectNode c = JSON.createObjectNode();
            c.put("id", String.format("ocid1.compartment.oc1..empty%05d", i));
            c.put("compartmentId", GeneratedWorld.TENANCY);
            c.put("name", "empty" + i);
            c.put("lifecycleState", "ACTIVE");
            empty.add(c);
        }
        World world = World.empty().with("compartments", empty.toArray(ObjectNode[]::new));
        EmulatedCloud cloud = cloud(world);
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "5"),
                new TickingClock(Duration.ofMillis(10)));
        JsonNode first = answer(guard, body(", \"resourceTypes\": [\"block-volume\"]"));
        assertFalse(first.path("complete").asBoolean(), first.toString());
        assertFalse(first.path("continuation").isNull(), "the deadline is kept while listing empty compartments");
        int firstCalls = cloud.emulator.requests().size();
        assertTrue(firstCalls < 2_000, "stopped at its deadline: " + firstCalls + " calls");
        JsonNode second = answer(guard, body(", \"resourceTypes\": [\"block-volume\"], \"continuation\": \""
                + first.path("continuation").asText() + "\""));
        assertTrue(second.path("error").isNull(), second.toString());
        long listed = cloud.emulator.requests().stream().filter(q -> q.path().equals("/20160918/volumes")).count();
        assertTrue(listed > 0 && cloud.emulator.requests().stream()
                .filter(q -> q.path().equals("/20160918/volumes")).map(RecordedRequest::query).distinct().count()
                == listed, "each compartment listed once across the two invocations, none again");
    }

    @Test
    void aRetryAfterPastTheDeadlineIsNotWaitedForAndTheSweepAnswersItsContinuation() {
        GeneratedWorld world = GeneratedWorld.generate(0, 0, 40, 9);
        EmulatedCloud cloud = cloud(world.world().withFault(Fault.on("GET", "/20160918/volumes/.*")
                .respond(429, "TooManyRequests").retryAfter("86400")));
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "10"),
                new TickingClock(Duration.ofMillis(1)));
        JsonNode r = answer(guard, body(", \"resourceTypes\": [\"block-volume\"]"));

        assertFalse(r.path("continuation").isNull(), "it stopped and answered a continuation: " + r);
        assertFalse(r.path("complete").asBoolean());
        int live = world.ids("volumes", Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED).size();
        assertTrue(r.path("scanned").asInt() < live, "the rest waits for the continuation");
        for (JsonNode f : r.path("findings")) {
            assertEquals("TooManyRequests", f.path("error").path("code").asText(), f.toString());
        }
        assertTrue(r.path("durationMs").asLong() <= 10_000, "answered by the sweep's own deadline: "
                + r.path("durationMs"));
    }

    @Test
    void everyRequestThrottledForADayAnswersAtOnceWithTheThrottle() {
        EmulatedCloud cloud = cloud(SMALL.world().withFault(Fault.on("*", "/.*").respond(429, "TooManyRequests")
                .retryAfter("86400")));
        JsonNode r = answer(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "10"),
                new TickingClock(Duration.ofMillis(1))), body(""));
        assertEquals("TooManyRequests", code(r), r.toString());
        assertTrue(r.path("error").path("message").asText().contains("could not be listed"), r.toString());
        assertTrue(cloud.emulator.requests().size() <= 3, "the SDK's attempts, no Retry-After waited for: "
                + cloud.emulator.requests().size());
        assertTrue(r.path("durationMs").asLong() < 10_000, r.path("durationMs").toString());
    }

    @Test
    void aCallWhoseDeadlineHasPassedStartsNoSweep() {
        EmulatedCloud cloud = cloud(SMALL.world());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC());
        String answer = guard.handle(body(""), java.util.Optional.of(java.time.Instant.now().minusSeconds(5)));
        JsonNode r;
        try {
            r = JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("DeadlineExceeded", code(r), answer);
        assertEquals(List.of(), cloud.emulator.requests());
    }

    @Test
    void aListedCompartmentIdThatIsNoCompartmentOcidStopsTheSweepBeforeItIsCalled() {
        ObjectNode odd = JSON.createObjectNode();
        odd.put("id", "ocid1.compartment.oc1..x/../../volumes/" + "a".repeat(300));
        odd.put("compartmentId", GeneratedWorld.TENANCY);
        odd.put("name", "odd");
        odd.put("lifecycleState", "ACTIVE");
        EmulatedCloud cloud = cloud(SMALL.world().withFault(Fault.on("GET", "/20160918/compartments")
                .extraItems(List.of(odd))));
        JsonNode r = answer(guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC()), body(""));
        assertEquals("MalformedResponse", code(r), r.toString());
        assertTrue(cloud.emulator.requests().stream().noneMatch(q -> (q.path() + q.query()).contains("a".repeat(300))),
                "the odd id went into no call");
        assertEquals(List.of("/20160918/compartments/" + GeneratedWorld.TENANCY, "/20160918/compartments"),
                cloud.emulator.requests().stream().map(RecordedRequest::path).toList());
    }
}
