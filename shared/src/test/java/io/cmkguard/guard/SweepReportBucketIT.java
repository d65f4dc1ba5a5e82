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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep of several invocations with a report bucket, through the real SDK clients against the emulator:
 * each invocation keeps its part, the one that ends the sweep writes the whole report in three forms and
 * publishes the sweep's only digest; a race to end it publishes once; Object Storage down loses no finding.
 */
class SweepReportBucketIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratedWorld WORLD = GeneratedWorld.generate(1, 3, 12, 7);
    static final String BUCKET = "cmk-guard-reports";
    /** Shared by every instance, as the function's config gives it to all of them. */
    static final String CONTINUATION_KEY = "k4uQ0bW3o7mV2cX9zT1yR6pL8nJ5hG0fD3sA7eB2";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** The generated world plus the report bucket, itself on the customer-managed key. */
    static World withReportBucket(World world) {
        ObjectNode bucket = JsonNodeFactory.instance.objectNode().put("namespace", GeneratedWorld.NAMESPACE)
                .put("name", BUCKET).put("compartmentId", GeneratedWorld.TENANCY)
                .put("id", "ocid1.bucket.oc1.iad.reports").put("kmsKeyId", GeneratedWorld.KEY);
        return world.with("buckets", bucket);
    }

    private EmulatedCloud cloud(World world) {
        EmulatedCloud cloud = new EmulatedCloud(world, EmulatorOptions.trusting());
        open.add(cloud);
        return cloud;
    }

    /** An instance whose sweeps stop after about 3 s of a clock that moves 10 ms each time it is read. */
    private CmkGuard cutInstance(EmulatedCloud cloud, String mode) {
        CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", mode, "CMK_GUARD_TOPIC_ID",
                        GeneratedWorld.TOPIC, "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "3", "CMK_GUARD_REPORT_BUCKET", BUCKET,
                        "CMK_GUARD_CONTINUATION_KEY", CONTINUATION_KEY)),
                new PrintStream(log, true, StandardCharsets.UTF_8), new TickingClock(Duration.ofMillis(10)));
        open.add(guard);
        return guard;
    }

    private static JsonNode sweep(CmkGuard guard, Optional<String> continuation) {
        String body = "{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\", \"selfContinue\": false"
                + continuation.map(c -> ", \"continuation\": \"" + c + "\"").orElse("") + "}}";
        try {
            return JSON.readTree(guard.handle(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sweep followed by its caller to its end: every invocation's answer, in order. */
    private static List<JsonNode> followed(CmkGuard guard) {
        List<JsonNode> answers = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            JsonNode answer = sweep(guard, next);
            assertTrue(answer.path("error").isNull(), answer.path("error").toString());
            answers.add(answer);
            next = Optional.ofNullable(answer.path("continuation").textValue());
        } while (next.isPresent() && answers.size() < 100);
        return answers;
    }

    private static String object(EmulatedCloud cloud, String name) {
        return cloud.emulator.objects().stream().filter(o -> o.path("name").asText().equals(name)
                        && o.path("bucket").asText().equals(BUCKET)).map(o -> o.path("content").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no object " + name + " in " + BUCKET));
    }

    @Test
    void aSweepOfSeveralInvocationsKeepsOneReportAndPublishesOneDigest() throws IOException {
        EmulatedCloud cloud = cloud(withReportBucket(WORLD.world()));
        List<JsonNode> answers = followed(cutInstance(cloud, "notify"));

        assertTrue(answers.size() > 2, "the deadline cut it: " + answers.size() + " invocations");
        String sweepId = answers.get(0).path("sweepId").asText();
        assertEquals(1, cloud.emulator.messages().size(), "one digest for the whole sweep, from its last invocation");
        JsonNode last = answers.get(answers.size() - 1);
        assertEquals("done", last.path("chain").path("next").asText(), last.path("chain").toString());
        assertTrue(last.path("notified").asBoolean());
        assertEquals(cloud.emulator.messages().get(0).path("messageId").asText(), last.path("messageId").asText());
        for (JsonNode earlier : answers.subList(0, answers.size() - 1)) {
            assertEquals("caller", earlier.path("chain").path("next").asText());
            assertFalse(earlier.path("notified").asBoolean(), "no digest before the sweep ends");
        }

        String prefix = "sweeps/" + sweepId + "/";
        JsonNode whole = JSON.readTree(object(cloud, prefix + "report.json"));
        int scanned = answers.stream().mapToInt(a -> a.path("scanned").asInt()).sum();
        assertEquals(WORLD.liveCount() + 1, scanned, "every live resource and the report bucket");
        assertEquals(scanned, whole.path("scanned").asInt());
        assertEquals(answers.size(), whole.path("invocations").asInt());
        assertTrue(whole.path("complete").asBoolean());
        List<JsonNode> findings = new ArrayList<>(); // spliced in as each part kept them: every one, in order
        answers.forEach(a -> a.path("findings").forEach(findings::add));
        List<JsonNode> kept = new ArrayList<>();
        whole.path("findings").forEach(kept::add);
        assertEquals(findings, kept);

        String csv = object(cloud, prefix + "resources.csv");
        assertTrue(csv.startsWith(ResourceCsv.header()), "one header");
        List<String> rows = csv.lines().skip(1).toList();
        assertEquals(scanned, rows.size(), "a row for every resource judged, findings or not");
        Set<String> ids = new HashSet<>();
        int idColumn = ResourceCsv.COLUMNS.indexOf("resourceId");
        rows.forEach(r -> assertTrue(ids.add(r.split(",")[idColumn]), "judged once: " + r));
        String html = object(cloud, prefix + "report.html");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains(sweepId), "the page of this sweep");

        String digest = cloud.emulator.messages().get(0).path("body").asText();
        assertTrue(digest.contains("bucket " + BUCKET + " under " + prefix), digest);
        assertTrue(digest.contains("oci os object get --namespace-name " + GeneratedWorld.NAMESPACE), digest);
        assertFalse(digest.contains("/p/"), "never a pre-authenticated request");
        assertEquals(whole.path("counts").path("NON_COMPLIANT").asInt() + " of " + scanned,
                digest.lines().findFirst().orElseThrow().replaceAll("^\\[cmk-guard] ([0-9 ]+) of ([0-9 ]+) .*", "$1 of $2")
                        .replace(" of ", "#").replace(" ", "").replace("#", " of "));
    }

    /** An instance whose sweeps run to their end in one invocation. */
    private CmkGuard uncutInstance(EmulatedCloud cloud, String mode) {
        CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", mode, "CMK_GUARD_TOPIC_ID",
                        GeneratedWorld.TOPIC, "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600", "CMK_GUARD_REPORT_BUCKET",
                        BUCKET, "CMK_GUARD_CONTINUATION_KEY", CONTINUATION_KEY)), new PrintStream(log, true, StandardCharsets.UTF_8),
                new TickingClock(Duration.ofMillis(1))); // the cut instance's time, with room to the end
        open.add(guard);
        return guard;
    }

    @Test
    void twoInvocationsRacingToEndTheSweepPublishOneDigest() throws Exception {
        EmulatedCloud cloud = cloud(withReportBucket(WORLD.world()));
        JsonNode firstPart = sweep(cutInstance(cloud, "notify"), Optional.empty());
        String token = firstPart.path("continuation").asText();
        assertFalse(token.isBlank(), "the first invocation was cut");

        // the same token, delivered twice at once to two instances: each runs the rest and ends the sweep
        CmkGuard one = uncutInstance(cloud, "notify");
        CmkGuard other = uncutInstance(cloud, "notify");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> await(go, () -> sweep(one,
                Optional.of(token))));
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> await(go, () -> sweep(other,
                Optional.of(token))));
        go.countDown();
        List<JsonNode> ends = List.of(a.get(), b.get());

        assertEquals(1, cloud.emulator.messages().size(), "exactly one digest: " + ends);
        assertEquals(1, ends.stream().filter(e -> e.path("notified").asBoolean()).count(), ends.toString());
        assertTrue(ends.stream().allMatch(e -> e.path("chain").path("next").asText().equals("done")), ends.toString());
        String prefix = "sweeps/" + firstPart.path("sweepId").asText() + "/";
        assertEquals(1, cloud.emulator.objects().stream().filter(o -> o.path("name").asText()
                .equals(prefix + "report.json")).count());
    }

    private static JsonNode await(CountDownLatch go, java.util.function.Supplier<JsonNode> then) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return then.get();
    }

    @Test
    void aPartWhoseAnswerWasLostIsKeptAndTheSweepStillPublishesOnce() {
        World world = withReportBucket(WORLD.world()).withFault(Fault.on("PUT", "/n/[^/]+/b/" + BUCKET
                + "/o/sweeps/.*/parts/00000\\.json").respond(503, "ServiceUnavailable").lostAnswer().times(1));
        EmulatedCloud cloud = cloud(world);
        List<JsonNode> answers = followed(cutInstance(cloud, "notify"));

        assertTrue(answers.size() > 1, "cut at least once");
        assertEquals(1, cloud.emulator.messages().size(), "the write landed: still one digest, from the end");
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("cmk-guard.sweep-report-failed"));
        assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.status() == 503), "the fault was met");
    }

    @Test
    void objectStorageDownLosesNoFindingAndSaysSo() {
        World world = withReportBucket(WORLD.world()).withFault(Fault.on("PUT", "/n/[^/]+/b/" + BUCKET + "/o/.*")
                .respond(503, "ServiceUnavailable").times(Fault.FOREVER));
        EmulatedCloud cloud = cloud(world);
        List<JsonNode> answers = followed(cutInstance(cloud, "notify"));

        assertEquals(answers.size(), cloud.emulator.messages().size(), "each invocation's findings published at once");
        int published = 0;
        for (JsonNode a : answers) {
            published += a.path("findings").size();
            assertTrue(a.path("notified").asBoolean() || a.path("findings").isEmpty(), a.toString());
        }
        assertTrue(published > 0);
        assertTrue(cloud.emulator.messages().get(0).path("body").asText().contains("could not be written to bucket "
                + BUCKET), cloud.emulator.messages().get(0).toString());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("cmk-guard.sweep-report-failed"));
    }
}
