package io.cmkguard.guard;

import io.cmkguard.app.Answer;
import io.cmkguard.app.CmkGuard;
import io.cmkguard.guard.sweep.SweepProgress;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.GeneratedWorld.Fate;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeps of a generated world of thousands of resources across nested compartments, through the real
 * SDK clients against the emulator: every live resource judged exactly once, the findings exactly the
 * resources off a customer-managed key (or exempt), one digest, guardrails kept.
 */
class SweepIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 13 compartments x 7 types x 24 = 2 184 resources, about a tenth of them TERMINATED. */
    private static final GeneratedWorld LARGE = GeneratedWorld.generate(2, 3, 24, 42);
    private static final GeneratedWorld SMALL = GeneratedWorld.generate(1, 2, 6, 5);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private EmulatedCloud cloud(World world, EmulatorOptions options) {
        EmulatedCloud cloud = new EmulatedCloud(world, options);
        open.add(cloud);
        return cloud;
    }

    private CmkGuard guard(EmulatedCloud cloud, Map<String, String> config, Clock clock) {
        CmkGuard guard = CmkGuard.start(cloud.config(config), new PrintStream(log, true, StandardCharsets.UTF_8), clock);
        open.add(guard);
        return guard;
    }

    private static JsonNode sweep(CmkGuard guard, String fields) {
        try {
            return JSON.readTree(guard.handle("{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\""
                    + fields + "}}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict each live resource must get, by id. */
    private static Map<String, String> expectedVerdicts(GeneratedWorld world) {
        Map<String, String> expected = new HashMap<>();
        for (String collection : GeneratedWorld.CHECKED) {
            world.fates(collection).forEach((id, fate) -> {
                switch (fate) {
                    case ORACLE_MANAGED -> expected.put(id, "NON_COMPLIANT");
                    case EXEMPT -> expected.put(id, "EXEMPT");
                    case CUSTOMER_MANAGED -> expected.put(id, "COMPLIANT");
                    case TERMINATED -> { } // not in scope
                }
            });
        }
        expected.put(GeneratedWorld.KEY, "COMPLIANT"); // the vault-key type: rotated every 90 days
        return expected;
    }

    private static Map<String, String> findings(JsonNode report) {
        Map<String, String> findings = new HashMap<>();
        for (JsonNode f : report.path("findings")) {
            String previous = findings.put(f.path("resourceId").asText(), f.path("verdict").asText());
            assertEquals(null, previous, "judged twice: " + f);
        }
        return findings;
    }

    /** Sends the sweep, then each answer's continuation back, until one is complete (at most maxInvocations). */
    private static List<JsonNode> sweepToTheEnd(CmkGuard guard, int maxInvocations) {
        List<JsonNode> parts = new ArrayList<>();
        String continuation = null;
        do {
            JsonNode part = sweep(guard, continuation == null ? "" : ", \"continuation\": \"" + continuation + "\"");
            assertTrue(part.path("error").isNull(), part.path("error").toString());
            parts.add(part);
            continuation = part.path("complete").asBoolean() ? null : part.path("continuation").asText();
            assertTrue(continuation == null || !continuation.isBlank(), "an incomplete part carries its continuation");
        } while (continuation != null && parts.size() < maxInvocations);
        return parts;
    }

    /** The findings of every part, each resource at most once across them. */
    private static Map<String, String> findingsOnce(List<JsonNode> parts) {
        Map<String, String> findings = new HashMap<>();
        parts.forEach(part -> findings(part).forEach((id, verdict) -> assertEquals(null, findings.put(id, verdict),
                "judged twice across invocations: " + id)));
        return findings;
    }

    private static Map<String, String> nonCompliantOrExempt(Map<String, String> expected) {
        Map<String, String> m = new HashMap<>(expected);
        m.values().removeIf("COMPLIANT"::equals);
        return m;
    }

    @Test
    void theFunctionsAnswerKeepsOnlyFindingsYetCountsEveryResourceAsTheFullReportDoes() throws IOException {
        EmulatedCloud cloud = cloud(LARGE.world(), EmulatorOptions.trusting());
        Map<String, String> config = Map.of("CMK_GUARD_MODE", "audit");
        String body = "{\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\", \"includeSubcompartments\": true}";
        SweepReport every = guard(cloud, config, Clock.systemUTC()).sweep(JSON.readTree(body), SweepProgress.NONE);
        SweepReport answered = ((Answer.Sweep) guard(cloud, config, Clock.systemUTC())
                .answer("{\"sweep\": " + body + "}", Optional.empty())).report();

        assertTrue(every.complete() && answered.complete(), "one invocation each");
        assertEquals(expectedVerdicts(LARGE).size(), every.scanned());
        assertEquals(every.scanned(), every.resources().size(), "the laptop's report lists every resource");
        assertEquals(every.scanned(), answered.scanned());
        assertEquals(every.counts(), answered.counts());
        assertEquals(every.byType(), answered.byType());
        assertEquals(every.byCompartment(), answered.byCompartment());
        assertEquals(every.findings().stream().map(GuardResult::resourceId).toList(),
                answered.findings().stream().map(GuardResult::resourceId).toList(), "the same findings, in order");
        assertEquals(answered.findings(), answered.resources(), "the answer kept no compliant resource");
        assertTrue(answered.resources().size() < every.resources().size() / 2, answered.resources().size() + "");
    }

    @Test
    void anAuditSweepJudgesEveryLiveResourceOnceDespiteServerFaults() {
        World world = LARGE.world()
                // transient faults the SDK's retries get past: a volume read and a list page fail twice each
                .withFault(Fault.on("GET", "/20160918/volumes/ocid1.volume.oc1.iad.gen3x5").respond(500,
                        "InternalServerError").times(2))
                .withFault(Fault.on("GET", "/20160918/autonomousDatabases").respond(503, "ServiceUnavailable")
                        .times(2));
        EmulatedCloud cloud = cloud(world, EmulatorOptions.trusting());
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit",
                "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"), Clock.systemUTC()), "");

        Map<String, String> expected = expectedVerdicts(LARGE);
        assertTrue(expected.size() > 1_900, "thousands in scope: " + expected.size());
        assertTrue(report.path("complete").asBoolean(), report.path("error").toString());
        assertTrue(report.path("continuation").isNull());
        assertEquals(expected.size(), report.path("scanned").asInt(), "every live resource, once");
        assertEquals(nonCompliantOrExempt(expected), findings(report), "the findings are exactly those resources");
        assertEquals(expected.values().stream().filter("COMPLIANT"::equals).count(),
                report.path("counts").path("COMPLIANT").asLong());
        assertEquals(0, report.path("counts").path("ERROR").asInt());
        assertEquals(LARGE.ids("volumes", Fate.ORACLE_MANAGED).size(),
                report.path("byType").path("block-volume").path("nonCompliant").asInt());
        assertEquals("audit", report.path("mode").asText());
        assertTrue(cloud.emulator.messages().isEmpty(), "audit publishes nothing");
        assertTrue(cloud.emulator.requests().stream().allMatch(r -> r.method().equals("GET")), "audit never writes");
        assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.status() == 500), "the faults were met");
        for (JsonNode f : report.path("findings")) {
            if (f.path("verdict").asText().equals("NON_COMPLIANT")) {
                assertFalse(f.path("fix").path("consoleUrl").asText().isBlank(), f.toString());
                assertEquals("LOGGED", f.path("action").asText());
            }
        }
    }

    @Test
    void aNotifySweepPublishesOneDigestWithTheSummaryFirst() {
        EmulatedCloud cloud = cloud(LARGE.world(), EmulatorOptions.trusting());
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"), Clock.systemUTC()),
                ", \"mode\": \"notify\"");

        List<ObjectNode> messages = cloud.emulator.messages();
        assertEquals(1, messages.size(), "one digest per sweep invocation, never one per resource");
        String body = messages.get(0).path("body").asText();
        int nonCompliant = report.path("counts").path("NON_COMPLIANT").asInt();
        String first = body.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("[cmk-guard] " + String.format("%,d", nonCompliant).replace(',', ' ') + " of "
                + String.format("%,d", report.path("scanned").asInt()).replace(',', ' ')
                + " resources not on a customer-managed key"), first);
        assertTrue(body.getBytes(StandardCharsets.UTF_8).length < 64 * 1024);
        assertTrue(report.path("notified").asBoolean());
        assertEquals(messages.get(0).path("messageId").asText(), report.path("messageId").asText());
        assertTrue(nonCompliant > 100);
        for (JsonNode f : report.path("findings")) {
            if (f.path("verdict").asText().equals("NON_COMPLIANT")) {
                assertEquals("NOTIFIED", f.path("action").asText(), f.toString());
            }
        }
    }

    @Test
    void everySweepReportsTheEventsRulesThatFeedTheFunction() {
        EmulatedCloud cloud = cloud(SMALL.world(), EmulatorOptions.trusting()); // a world without any rule
        String functionId = "ocid1.fnfunc.oc1.iad.guard";
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_TOPIC_ID",
                GeneratedWorld.TOPIC, "FN_FN_ID", functionId), Clock.systemUTC()), "");

        JsonNode rules = report.path("eventRules");
        assertTrue(rules.path("checked").asBoolean(), rules.toString());
        assertEquals(List.of("cmk-guard-block-storage: missing: no rule named cmk-guard-block-storage",
                "cmk-guard-database: missing: no rule named cmk-guard-database",
                "cmk-guard-storage: missing: no rule named cmk-guard-storage",
                "cmk-guard-vault-keys: missing: no rule named cmk-guard-vault-keys"),
                JSON.convertValue(rules.path("problems"), List.class));
        assertEquals(1, cloud.emulator.messages().size());
        String body = cloud.emulator.messages().get(0).path("body").asText();
        assertTrue(body.lines().findFirst().orElseThrow().endsWith("; Events rules need attention"), body);
        assertTrue(body.contains("- cmk-guard-database: missing"), body);

        JsonNode unknown = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC()), "");
        assertFalse(unknown.path("eventRules").path("checked").asBoolean());
        assertTrue(unknown.path("eventRules").path("note").asText().contains("FN_FN_ID"), unknown.toString());
        assertEquals(1, cloud.emulator.messages().size(), "audit publishes nothing");
    }

    @Test
    void aSweepStopsInTimeForTheCallsOwnDeadlineAndAnswersAContinuation() throws IOException {
        EmulatedCloud cloud = cloud(LARGE.world(), EmulatorOptions.trusting());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"),
                Clock.systemUTC());
        // the Fn call must answer within 3 s, far below the sweep's own 600 s
        JsonNode report = JSON.readTree(guard.handle("{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY
                + "\"}}", java.util.Optional.of(Instant.now().plusSeconds(3))));

        assertFalse(report.path("complete").asBoolean(), report.toString());
        assertFalse(report.path("continuation").isNull(), "it says where to go on");
        assertTrue(report.path("scanned").asInt() < expectedVerdicts(LARGE).size());
        assertTrue(report.path("error").isNull(), report.path("error").toString());
    }

    @Test
    void aMistypedCompartmentIsAnErrorNeverAnEmptyAllCompliantSweep() throws IOException {
        EmulatedCloud cloud = cloud(SMALL.world(), EmulatorOptions.trusting());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC());
        String typo = GeneratedWorld.TENANCY + "x";
        JsonNode report = JSON.readTree(guard.handle("{\"sweep\": {\"compartmentId\": \"" + typo + "\"}}"));

        assertEquals("CompartmentNotFound", report.path("error").path("code").asText(), report.toString());
        assertTrue(report.path("error").path("message").asText().contains(typo), report.toString());
        assertFalse(report.path("complete").asBoolean());
        assertEquals(0, report.path("scanned").asInt());
    }

    @Test
    void aCompartmentTheFunctionMayOnlyLookInsideIsStillSwept() {
        // least privilege: Identity answers 404 for the root itself, but its resources can be listed
        World world = SMALL.world().withFault(Fault.on("GET", "/20160918/compartments/" + GeneratedWorld.TENANCY)
                .respond(404, "NotAuthorizedOrNotFound"));
        EmulatedCloud cloud = cloud(world, EmulatorOptions.trusting());
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC()), "");

        assertTrue(report.path("error").isNull(), report.path("error").toString());
        assertEquals(expectedVerdicts(SMALL).size(), report.path("scanned").asInt());
    }

    @Test
    void maxRemediationsIsRespectedExactly() {
        EmulatedCloud cloud = cloud(SMALL.world(), EmulatorOptions.trusting());
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_TOPIC_ID",
                        GeneratedWorld.TOPIC, "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY), Clock.systemUTC()),
                ", \"mode\": \"remediate\", \"maxRemediations\": 7");

        List<RecordedRequest> writes = cloud.emulator.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/messages")).toList();
        assertEquals(7, writes.size(), "exactly maxRemediations key writes: " + writes);
        assertEquals(7, report.path("remediated").asInt());
        long remediated = 0;
        long held = 0;
        for (JsonNode f : report.path("findings")) {
            if (f.path("action").asText().equals("REMEDIATED")) {
                remediated++;
            }
            if (f.path("reasons").toString().contains("not changed: the sweep's maxRemediations (7) is reached")) {
                assertEquals("NOTIFIED", f.path("action").asText(), f.toString());
                held++;
            }
        }
        assertEquals(7, remediated);
        assertEquals(1, cloud.emulator.messages().size(), "one digest");
        assertTrue(cloud.emulator.messages().get(0).path("body").asText().lines().findFirst().orElseThrow()
                .contains(", 7 fixed"));
        // every other volume, boot volume, backup, ADB, bucket and file system off the key was held back by the cap
        long remediable = List.of("volumes", "bootVolumes", "volumeBackups", "bootVolumeBackups", "autonomousDatabases",
                        "buckets", "fileSystems")
                .stream().mapToLong(c -> SMALL.ids(c, Fate.ORACLE_MANAGED).size()).sum();
        assertTrue(remediable > 7, "the world has more to fix than the cap: " + remediable);
        assertEquals(remediable - 7, held);
    }

    @Test
    void afterThreeFailedWritesASweepStopsRemediatingAndKeepsJudging() {
        World world = SMALL.world().withFault(Fault.on("PUT", "/20160918/(volumes|bootVolumes)/[^/]+/kmsKey")
                .respond(500, "InternalServerError"));
        EmulatedCloud cloud = cloud(world, EmulatorOptions.trusting());
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_TOPIC_ID",
                        GeneratedWorld.TOPIC, "CMK_GUARD_KMS_KEY_ID", GeneratedWorld.KEY,
                        "CMK_GUARD_SWEEP_MAX_WRITE_FAILURES", "3"), Clock.systemUTC()),
                ", \"mode\": \"remediate\", \"maxRemediations\": 1000, \"resourceTypes\": [\"block-volume\", \"boot-volume\"]");

        long failed = 0;
        long stopped = 0;
        for (JsonNode f : report.path("findings")) {
            if (f.path("action").asText().equals("REMEDIATION_FAILED")) {
                failed++;
            } else if (f.path("reasons").toString().contains("so it stopped remediating")) {
                stopped++;
            }
        }
        long offKey = SMALL.ids("volumes", Fate.ORACLE_MANAGED).size() + SMALL.ids("bootVolumes", Fate.ORACLE_MANAGED).size();
        assertEquals(3, failed, "exactly the limit of failed writes");
        assertEquals(offKey - 3, stopped, "every other one is still judged and reported");
        assertEquals(offKey, report.path("counts").path("NON_COMPLIANT").asInt());
        assertEquals(0, report.path("remediated").asInt());
    }

    @Test
    void aSweepCutByItsDeadlineAndResumedEndsLikeAnUncutOne() {
        EmulatedCloud cloud = cloud(LARGE.world(), EmulatorOptions.trusting());
        JsonNode uncut = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit",
                "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"), Clock.systemUTC()), "");
        // a clock that moves 10 ms each time it is read: the deadline falls after a few hundred reads
        CmkGuard cut = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "3"),
                new TickingClock(Duration.ofMillis(10)));

        List<JsonNode> parts = sweepToTheEnd(cut, 200);
        Set<String> sweepIds = new HashSet<>();
        parts.forEach(part -> sweepIds.add(part.path("sweepId").asText()));
        int scanned = parts.stream().mapToInt(part -> part.path("scanned").asInt()).sum();
        Map<String, String> findings = findingsOnce(parts);

        assertTrue(parts.size() > 2, "the deadline cut it: " + parts.size() + " invocations");
        assertEquals(1, sweepIds.size(), "one sweep across its continuations");
        assertEquals(uncut.path("scanned").asInt(), scanned, "nothing skipped, nothing twice");
        assertEquals(findings(uncut), findings);
    }

    @Test
    void anInvocationTakesAtMostItsShareOfResourcesSoItsMemoryIsBounded() {
        EmulatedCloud cloud = cloud(LARGE.world(), EmulatorOptions.trusting());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600",
                "CMK_GUARD_SWEEP_MAX_RESOURCES_PER_INVOCATION", "500"), Clock.systemUTC());
        List<JsonNode> parts = sweepToTheEnd(guard, 50);
        parts.forEach(part -> assertTrue(part.path("scanned").asInt() <= 500, "at most its share: "
                + part.path("scanned")));
        int scanned = parts.stream().mapToInt(part -> part.path("scanned").asInt()).sum();
        Map<String, String> findings = findingsOnce(parts);

        Map<String, String> expected = expectedVerdicts(LARGE);
        assertTrue(parts.size() >= expected.size() / 500, "cut by its share, not by time: " + parts.size());
        assertEquals(expected.size(), scanned, "every live resource, once");
        assertEquals(nonCompliantOrExempt(expected), findings);
    }

    @Test
    void aThrottledSweepWaitsAsRetryAfterSaysAndStillJudgesEverything() {
        GeneratedWorld world = GeneratedWorld.generate(0, 0, 4, 11); // one compartment, 40 resources
        EmulatedCloud cloud = cloud(world.world(), EmulatorOptions.trusting().withThrottle(10));
        // the SDK clients' types (a wallet-only database's raw read has its own backoff, see the limits in docs/architecture.md)
        String sdkTypes = "\"block-volume\", \"boot-volume\", \"volume-backup\", \"boot-volume-backup\","
                + " \"autonomous-database\", \"bucket\", \"file-system\"";
        JsonNode report = sweep(guard(cloud, Map.of("CMK_GUARD_MODE", "audit",
                "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "600"), Clock.systemUTC()), ", \"resourceTypes\": [" + sdkTypes + "]");

        assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.status() == 429), "the throttle bit");
        assertEquals(0, report.path("counts").path("ERROR").asInt(), report.path("findings").toString());
        Map<String, String> expected = expectedVerdicts(world);
        expected.keySet().removeIf(id -> id.contains(".database.") || id.contains(".pluggabledatabase.")
                || id.contains(".autonomouscontainerdatabase.") || id.equals(GeneratedWorld.KEY)); // not asked for
        assertEquals(expected.size(), report.path("scanned").asInt());
        assertEquals(nonCompliantOrExempt(expected), findings(report));
    }

    @Test
    void badSweepBodiesAnswerASpecificErrorAndCallNothing() {
        EmulatedCloud cloud = cloud(SMALL.world(), EmulatorOptions.trusting());
        CmkGuard guard = guard(cloud, Map.of("CMK_GUARD_MODE", "audit"), Clock.systemUTC());
        Map<String, String> bodies = Map.of(
                "{\"sweep\": {}}", "MissingCompartmentId",
                "{\"sweep\": {\"compartmentId\": \"ocid1.volume.oc1.iad.x\"}}", "InvalidCompartmentId",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"resourceTypes\": [\"vault-secret\"]}}",
                "InvalidResourceTypes",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"mode\": \"fix-it\"}}", "InvalidMode",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"mode\": \"remediate\"}}", "InvalidMode",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"maxRemediations\": -1}}",
                "InvalidMaxRemediations",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"continuation\": \"v1.bm90LWpzb24\"}}",
                "InvalidContinuation",
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..x\", \"typo\": 1}}", "InvalidSweep");
        bodies.forEach((body, code) -> {
            try {
                JsonNode report = JSON.readTree(guard.handle(body));
                assertEquals(code, report.path("error").path("code").asText(), body + " -> " + report);
                assertFalse(report.path("complete").asBoolean());
                assertEquals(0, report.path("scanned").asInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(cloud.emulator.requests().isEmpty(), "bad input calls nothing");
    }
}
