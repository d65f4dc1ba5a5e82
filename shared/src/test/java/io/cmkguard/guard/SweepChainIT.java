package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.app.CmkGuard;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.World;
import io.cmkguard.report.ResourceCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduled sweep body over a world several invocations large finishes by itself: each invocation cut by its
 * deadline invokes the function again (detached, through the real Functions SDK clients against the emulator,
 * which runs the next invocation), every live resource is judged exactly once, one digest goes out and the report
 * is kept. A repeated delivery does not fork the chain; the chain stops at its maximum; a failed self-invocation
 * is reported with the way to go on by hand.
 */
class SweepChainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratedWorld WORLD = GeneratedWorld.generate(1, 3, 12, 7);
    private static final String FUNCTION = "ocid1.fnfunc.oc1.iad.cmkguard";
    private static final String BUCKET = SweepReportBucketIT.BUCKET;
    /** What a Resource Scheduler schedule sends every time: nothing but the scope. */
    private static final String SCHEDULED = "{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\"}}";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static World world(Fault... faults) {
        ObjectNode function = JsonNodeFactory.instance.objectNode().put("id", FUNCTION).put("displayName", "cmk-guard")
                .put("applicationId", "ocid1.fnapp.oc1.iad.cmkguard").put("compartmentId", GeneratedWorld.TENANCY)
                .put("lifecycleState", "ACTIVE").put("memoryInMBs", 256).put("timeoutInSeconds", 120)
                .put("detachedModeTimeoutInSeconds", 3600);
        World world = SweepReportBucketIT.withReportBucket(WORLD.world()).with("functions", function);
        for (Fault f : faults) {
            world = world.withFault(f);
        }
        return world;
    }

    /**
     * The function deployed: an instance that the emulator invokes for the chain's links, with a clock that moves
     * 10 ms each time it is read, so each invocation is cut after about 3 s of it.
     */
    private CmkGuard deployed(EmulatedCloud cloud, Map<String, String> more) {
        TickingClock clock = new TickingClock(java.time.Instant.now(), Duration.ofMillis(10));
        Map<String, String> config = new HashMap<>(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "3", "CMK_GUARD_REPORT_BUCKET", BUCKET,
                "CMK_GUARD_CONTINUATION_KEY", SweepReportBucketIT.CONTINUATION_KEY, "FN_FN_ID", FUNCTION));
        config.putAll(more);
        CmkGuard guard = CmkGuard.start(cloud.config(config), new PrintStream(log, true, StandardCharsets.UTF_8),
                clock);
        open.add(guard);
        // each detached link gets 3 s of the instance's clock, as Fn-Deadline gives a link its own time
        cloud.emulator.hostFunction((id, body, deadline) -> guard.handle(new String(body, StandardCharsets.UTF_8),
                Optional.of(clock.instant().plusSeconds(3))).getBytes(StandardCharsets.UTF_8));
        return guard;
    }

    private EmulatedCloud cloud(World world) {
        EmulatedCloud cloud = new EmulatedCloud(world, EmulatorOptions.trusting());
        open.add(cloud);
        return cloud;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String object(EmulatedCloud cloud, String name) {
        return cloud.emulator.objects().stream().filter(o -> o.path("name").asText().equals(name))
                .map(o -> o.path("content").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no object " + name));
    }

    private static void awaitChain(EmulatedCloud cloud) throws InterruptedException {
        assertTrue(cloud.emulator.awaitDetachedInvocations(Duration.ofMinutes(3)), "the chain ended");
    }

    @Test
    void aScheduledSweepFinishesByItselfWithOneDigestAndItsReportKept() throws Exception {
        EmulatedCloud cloud = cloud(world());
        CmkGuard guard = deployed(cloud, Map.of("CMK_GUARD_METRICS_COMPARTMENT", GeneratedWorld.TENANCY));

        JsonNode first = read(guard.handle(SCHEDULED, Optional.empty()));
        assertEquals("function", first.path("chain").path("next").asText(), first.path("chain").toString());
        assertTrue(first.path("continuation").isNull(), "the token went to the next invocation, not to the caller");
        String sweepId = first.path("sweepId").asText();
        assertTrue(first.path("chain").path("message").asText().contains(sweepId));
        awaitChain(cloud);

        List<ObjectNode> links = cloud.emulator.invocations();
        assertTrue(links.size() >= 2, "several invocations: " + links.size());
        for (ObjectNode link : links) {
            assertEquals("detached", link.path("invokeType").asText());
            assertEquals("SUCCEEDED", link.path("status").asText(), link.toString());
            JsonNode body = read(link.path("body").asText()).path("sweep");
            assertEquals(Set.of("compartmentId", "continuation"), fieldNames(body), "nothing else to repeat");
        }
        JsonNode lastAnswer = read(links.get(links.size() - 1).path("answer").asText());
        assertEquals("done", lastAnswer.path("chain").path("next").asText(), lastAnswer.toString());

        assertEquals(1, cloud.emulator.messages().size(), "one digest for the whole sweep");
        JsonNode whole = read(object(cloud, "sweeps/" + sweepId + "/report.json"));
        assertTrue(whole.path("complete").asBoolean());
        assertEquals(links.size() + 1, whole.path("invocations").asInt());
        assertEquals(WORLD.liveCount() + 1, whole.path("scanned").asInt(), "every live resource and the bucket");
        List<String> rows = object(cloud, "sweeps/" + sweepId + "/resources.csv").lines().skip(1).toList();
        Set<String> ids = new HashSet<>();
        int idColumn = ResourceCsv.COLUMNS.indexOf("resourceId");
        rows.forEach(r -> assertTrue(ids.add(r.split(",")[idColumn]), "judged exactly once: " + r));
        assertEquals(WORLD.liveCount() + 1, ids.size());
        String digest = cloud.emulator.messages().get(0).path("body").asText();
        assertTrue(digest.contains("sweeps/" + sweepId + "/"), digest);

        // the sweep's gauges, once, from its whole report: every resource judged, not one link's
        List<JsonNode> judged = new ArrayList<>();
        cloud.emulator.metrics().stream().filter(m -> m.path("name").asText().equals("resources_judged")
                && m.path("dimensions").path("resourceType").asText().equals("all")
                && m.path("dimensions").path("compartmentId").asText().equals("all")).forEach(judged::add);
        assertEquals(1, judged.size(), cloud.emulator.metrics().stream().map(m -> m.path("name").asText() + m.path(
                "dimensions")).distinct().limit(8).toList() + " " + log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("metrics")).limit(3).toList());
        assertEquals(WORLD.liveCount() + 1, judged.get(0).path("datapoints").get(0).path("value").asInt());
        assertEquals(1, cloud.emulator.metrics().stream().filter(m -> m.path("name").asText()
                .equals("sweep_completed")).count());
    }

    @Test
    void aRepeatedDeliveryOfALinkDoesNotForkTheChain() throws Exception {
        EmulatedCloud cloud = cloud(world());
        CmkGuard guard = deployed(cloud, Map.of());
        guard.handle(SCHEDULED, Optional.empty());
        awaitChain(cloud);
        int links = cloud.emulator.invocations().size();
        String delivered = cloud.emulator.invocations().get(0).path("body").asText();

        JsonNode again = read(guard.handle(delivered, Optional.empty()));
        assertEquals("ContinuationReplayed", again.path("error").path("code").asText(), again.toString());
        CmkGuard otherInstance = deployed(cloud, Map.of()); // a claim is kept in the bucket, for every instance
        JsonNode elsewhere = read(otherInstance.handle(delivered, Optional.empty()));
        assertEquals("ContinuationReplayed", elsewhere.path("error").path("code").asText(), elsewhere.toString());
        awaitChain(cloud);
        assertEquals(links, cloud.emulator.invocations().size(), "no second chain");
        assertEquals(1, cloud.emulator.messages().size());
    }

    @Test
    void theChainStopsAtItsMaximumAndSaysHowToGoOn() throws Exception {
        EmulatedCloud cloud = cloud(world());
        CmkGuard guard = deployed(cloud, Map.of("CMK_GUARD_SWEEP_MAX_INVOCATIONS", "2"));
        guard.handle(SCHEDULED, Optional.empty());
        awaitChain(cloud);

        assertEquals(1, cloud.emulator.invocations().size(), "the first invocation and one link");
        JsonNode stopped = read(cloud.emulator.invocations().get(0).path("answer").asText());
        assertEquals("stopped", stopped.path("chain").path("next").asText(), stopped.toString());
        assertFalse(stopped.path("continuation").isNull(), "the token stays in the answer");
        assertFalse(stopped.path("complete").asBoolean());
        assertEquals(1, cloud.emulator.messages().size(), "the stop is news: one digest of what was judged");
        String digest = cloud.emulator.messages().get(0).path("body").asText();
        assertTrue(digest.contains("maximum of 2 invocations (CMK_GUARD_SWEEP_MAX_INVOCATIONS)"), digest);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("cmk-guard.sweep-stopped") && logged.contains(stopped.path("continuation").asText()),
                "the log holds the body to go on by hand");
    }

    @Test
    void aFailedSelfInvocationIsReportedAndTheSweepGoesOnByHand() throws Exception {
        EmulatedCloud cloud = cloud(world(Fault.on("POST", Fault.FUNCTION_INVOKE).respond(500, "InternalServerError")
                .times(1)));
        CmkGuard guard = deployed(cloud, Map.of());

        JsonNode first = read(guard.handle(SCHEDULED, Optional.empty()));
        assertEquals("stopped", first.path("chain").path("next").asText(), first.toString());
        assertTrue(first.path("chain").path("message").asText().contains("could not invoke its function"));
        String token = first.path("continuation").asText();
        assertFalse(token.isBlank(), "the caller can go on with the token");
        assertEquals(1, cloud.emulator.messages().size());
        assertTrue(cloud.emulator.messages().get(0).path("body").asText().contains("could not invoke its function"));

        JsonNode byHand = read(guard.handle("{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY
                + "\", \"continuation\": \"" + token + "\"}}", Optional.empty()));
        assertTrue(byHand.path("error").isNull(), byHand.toString());
        awaitChain(cloud);
        JsonNode whole = read(object(cloud, "sweeps/" + first.path("sweepId").asText() + "/report.json"));
        assertTrue(whole.path("complete").asBoolean());
        assertEquals(WORLD.liveCount() + 1, whole.path("scanned").asInt(), "nothing lost, nothing twice");
    }

    @Test
    void withoutASharedContinuationKeyTheSweepDoesNotInvokeItselfAndSaysWhy() throws Exception {
        EmulatedCloud cloud = cloud(world());
        CmkGuard guard = deployed(cloud, Map.of("CMK_GUARD_CONTINUATION_KEY", ""));

        JsonNode first = read(guard.handle(SCHEDULED, Optional.empty()));
        assertEquals("stopped", first.path("chain").path("next").asText(), first.path("chain").toString());
        assertTrue(first.path("chain").path("message").asText().contains("set CMK_GUARD_CONTINUATION_KEY"));
        assertTrue(cloud.emulator.invocations().isEmpty(), "a link another instance could not verify is not started");
        assertFalse(first.path("continuation").isNull());
    }

    private static Set<String> fieldNames(JsonNode o) {
        Set<String> names = new HashSet<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
