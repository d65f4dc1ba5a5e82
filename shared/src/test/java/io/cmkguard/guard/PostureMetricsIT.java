package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.app.CmkGuard;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import io.cmkguard.metrics.MetricsPoster;
import io.cmkguard.metrics.MonitoringRules;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Posture metrics through the real MonitoringClient (signed PostMetricData) against the emulator, which checks
 * each metric as the service documents: an event's decisions are counted, a sweep that begins and ends in one
 * invocation posts gauges that match its report, and Monitoring down or refusing leaves every answer intact
 * and says so once in the log.
 */
class PostureMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS_COMPARTMENT = "ocid1.compartment.oc1..ops";
    private static final GeneratedWorld WORLD = GeneratedWorld.generate(1, 2, 6, 5);
    private static final String EVENT = "blockvolumes.createvolume.end--oracle-managed.json";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private EmulatedTenancy demo(World world, Map<String, String> config) {
        EmulatedTenancy tenancy = new EmulatedTenancy(world, EmulatorOptions.trusting());
        open.add(tenancy);
        return tenancy.guard(config);
    }

    private CmkGuard sweeper(EmulatedCloud cloud, Map<String, String> config, Clock clock) {
        CmkGuard guard = CmkGuard.start(cloud.config(config), new PrintStream(log, true, StandardCharsets.UTF_8), clock);
        open.add(guard);
        return guard;
    }

    private EmulatedCloud cloud(World world) {
        EmulatedCloud cloud = new EmulatedCloud(world);
        open.add(cloud);
        return cloud;
    }

    private static Map<String, String> on(String... more) {
        Map<String, String> config = new HashMap<>(Map.of(GuardConfig.MODE, "audit",
                GuardConfig.METRICS_COMPARTMENT, METRICS_COMPARTMENT));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private static JsonNode sweep(CmkGuard guard, String fields) {
        try {
            return JSON.readTree(guard.handle("{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\""
                    + fields + "}}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of each posted stream, keyed by its name and sorted dimensions; every post as the service takes it. */
    private static Map<String, Double> posted(List<? extends JsonNode> metrics) {
        Map<String, Double> values = new HashMap<>();
        for (JsonNode m : metrics) {
            assertEquals(MonitoringRules.NAMESPACE, m.path("namespace").asText());
            assertEquals(METRICS_COMPARTMENT, m.path("compartmentId").asText());
            assertEquals(1, m.path("datapoints").size(), m.toString());
            Map<String, String> dimensions = new TreeMap<>();
            m.path("dimensions").fields().forEachRemaining(d -> dimensions.put(d.getKey(), d.getValue().asText()));
            Double previous = values.put(m.path("name").asText() + dimensions,
                    m.path("datapoints").get(0).path("value").asDouble());
            assertEquals(null, previous, "a stream posted twice: " + m);
        }
        return values;
    }

    private static String gauge(String name, String type, String compartment) {
        return name + new TreeMap<>(Map.of("compartmentId", compartment, "resourceType", type,
                "scope", GeneratedWorld.TENANCY));
    }

    private long logLines(String kind) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"log\":\"cmk-guard." + kind + "\""))
                .count();
    }

    @Test
    void anEventDecisionPostsItsCountByVerdictActionAndType() {
        EmulatedTenancy tenancy = demo(OciEmulator.demoWorld(), on());
        JsonNode result = tenancy.send(EVENT);
        assertEquals("NON_COMPLIANT", result.path("verdict").asText(), result.toString());

        Map<String, Double> posted = posted(tenancy.emulator.metrics());
        assertEquals(Map.of("decisions" + new TreeMap<>(Map.of("action", result.path("action").asText(),
                "resourceType", "block-volume", "verdict", "NON_COMPLIANT")), 1.0), posted);
        assertTrue(tenancy.emulator.requests().stream().anyMatch(r -> r.method().equals("POST")
                && r.path().equals(Fault.METRICS) && r.status() == 200));
        assertFalse(tenancy.logText().contains("cmk-guard." + MetricsPoster.FAILED), tenancy.logText());
    }

    @Test
    void withoutTheKeyNothingIsPosted() {
        EmulatedTenancy tenancy = demo(OciEmulator.demoWorld(), Map.of(GuardConfig.MODE, "audit"));
        tenancy.send(EVENT);
        assertEquals(List.of(), tenancy.emulator.metrics());
        assertTrue(tenancy.emulator.requests().stream().noneMatch(r -> r.path().startsWith("/20180401/")));
    }

    @Test
    void aSweepInOneInvocationPostsGaugesThatMatchItsReport() {
        EmulatedCloud cloud = cloud(WORLD.world());
        JsonNode report = sweep(sweeper(cloud, on(GuardConfig.SWEEP_DEADLINE_SECONDS, "600"), Clock.systemUTC()), "");
        assertTrue(report.path("complete").asBoolean(), report.toString());

        Map<String, Double> posted = posted(cloud.emulator.metrics());
        assertEquals(report.path("scanned").asDouble(), posted.get(gauge("resources_judged", "all", "all")), posted.toString());
        assertEquals(report.path("counts").path("NON_COMPLIANT").asDouble(),
                posted.get(gauge("resources_not_on_cmk", "all", "all")));
        assertTrue(posted.get(gauge("resources_not_on_cmk", "all", "all")) > 0, "the world has resources off a CMK");
        report.path("byType").fields().forEachRemaining(type -> {
            assertEquals(type.getValue().path("scanned").asDouble(), posted.get(gauge("resources_judged", type.getKey(),
                    "all")), type.getKey());
            assertEquals(type.getValue().path("nonCompliant").asDouble(), posted.get(gauge("resources_not_on_cmk",
                    type.getKey(), "all")), type.getKey());
        });
        int compartments = report.path("byCompartment").size(); // another part of the report; counted when present
        report.path("byCompartment").fields().forEachRemaining(c -> assertEquals(
                c.getValue().path("nonCompliant").asDouble(), posted.get(gauge("resources_not_on_cmk", "all", c.getKey()))));
        assertEquals(1.0, posted.get("sweep_completed{scope=" + GeneratedWorld.TENANCY + "}"));
        assertEquals(report.path("durationMs").asDouble() / 1000, posted.get("sweep_duration_seconds{scope="
                + GeneratedWorld.TENANCY + "}"), 1e-9);
        assertEquals(2 * (1 + report.path("byType").size() + compartments) + 2, posted.size(), posted.toString());
        assertEquals(0, logLines(MetricsPoster.FAILED), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSweepOverSeveralInvocationsPostsNothingItselfItsWholeReportIsPostedOnceByTheCaller() {
        EmulatedCloud cloud = cloud(WORLD.world());
        CmkGuard cut = sweeper(cloud, on(GuardConfig.SWEEP_DEADLINE_SECONDS, "1"),
                new TickingClock(Duration.ofMillis(10)));
        JsonNode part = sweep(cut, "");
        int invocations = 1;
        while (!part.path("continuation").isNull() && invocations < 100) {
            part = sweep(cut, ", \"continuation\": \"" + part.path("continuation").asText() + "\"");
            invocations++;
        }
        assertTrue(invocations > 1, "the deadline cut it");
        assertTrue(part.path("complete").asBoolean(), part.toString());
        assertEquals(List.of(), cloud.emulator.metrics(), "no part is the whole sweep");

        CmkGuard whole = sweeper(cloud, on(GuardConfig.SWEEP_DEADLINE_SECONDS, "600"), Clock.systemUTC());
        JsonNode report = sweep(whole, "");
        int before = cloud.emulator.metrics().size();
        whole.metrics().sweepCompleted(report); // what the chain does once it holds the whole report
        List<com.fasterxml.jackson.databind.node.ObjectNode> metrics = cloud.emulator.metrics();
        Map<String, Double> posted = posted(metrics.subList(before, metrics.size()));
        assertEquals(report.path("scanned").asDouble(), posted.get(gauge("resources_judged", "all", "all")));
        assertEquals(1.0, posted.get("sweep_completed{scope=" + GeneratedWorld.TENANCY + "}"));
    }

    @Test
    void monitoringDownLeavesTheDecisionAndTheReportIntactAndIsLoggedOncePerPost() {
        World world = OciEmulator.demoWorld().withFault(Fault.on("POST", Fault.METRICS)
                .respond(503, "ServiceUnavailable").forever());
        EmulatedTenancy down = demo(world, on());
        JsonNode result = down.send(EVENT);
        EmulatedTenancy up = demo(OciEmulator.demoWorld(), Map.of(GuardConfig.MODE, "audit"));
        JsonNode without = up.send(EVENT);
        assertEquals(without.path("verdict"), result.path("verdict"));
        assertEquals(without.path("action"), result.path("action"));
        assertEquals(without.path("reasons"), result.path("reasons"));
        assertTrue(result.path("error").isNull(), result.toString());
        List<String> failures = down.logText().lines().filter(l -> l.contains("cmk-guard." + MetricsPoster.FAILED)).toList();
        assertEquals(1, failures.size(), down.logText());
        assertTrue(failures.get(0).contains("ServiceUnavailable"), failures.get(0));
        assertEquals(List.of(), down.emulator.metrics());

        EmulatedCloud cloud = cloud(WORLD.world().withFault(Fault.on("POST", Fault.METRICS)
                .respond(500, "InternalServerError").forever()));
        JsonNode report = sweep(sweeper(cloud, on(GuardConfig.SWEEP_DEADLINE_SECONDS, "600"), Clock.systemUTC()), "");
        assertTrue(report.path("complete").asBoolean(), report.toString());
        assertTrue(report.path("error").isNull());
        JsonNode reference = sweep(sweeper(cloud(WORLD.world()), Map.of(GuardConfig.MODE, "audit",
                GuardConfig.SWEEP_DEADLINE_SECONDS, "600"), Clock.systemUTC()), "");
        for (String field : List.of("scanned", "counts", "byType", "findings", "complete", "unjudged")) {
            assertEquals(reference.path(field), report.path(field), field + ": the same report as without metrics");
        }
        assertEquals(1, logLines(MetricsPoster.FAILED), log.toString(StandardCharsets.UTF_8));
        assertEquals(2, cloud.emulator.requests().stream().filter(r -> r.path().equals(Fault.METRICS)).count(),
                "one call, two attempts at most: metrics never hold an answer long");
    }

    @Test
    void metricsMonitoringRefusesAreLoggedWithItsCode() {
        // a clock three hours behind: every datapoint is older than Monitoring takes, so the post is refused
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));
        EmulatedCloud cloud = cloud(WORLD.world());
        JsonNode report = sweep(sweeper(cloud, on(GuardConfig.SWEEP_DEADLINE_SECONDS, "600"), behind), "");
        assertTrue(report.path("complete").asBoolean(), report.toString());
        assertEquals(List.of(), cloud.emulator.metrics());
        List<String> failures = log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("cmk-guard." + MetricsPoster.FAILED)).toList();
        assertEquals(1, failures.size(), log.toString(StandardCharsets.UTF_8));
        assertTrue(failures.get(0).contains("InvalidParameter"), failures.get(0));
    }

    @Test
    void aPostStillRunningWhenTheInvocationMustAnswerIsLeftToFinishAndTheAnswerGoes() {
        World world = OciEmulator.demoWorld().withFault(Fault.on("POST", Fault.METRICS).delay(Duration.ofSeconds(8))
                .forever());
        EmulatedTenancy tenancy = new EmulatedTenancy(world, EmulatorOptions.trusting());
        open.add(tenancy);
        CmkGuard guard = tenancy.another(on());
        open.add(guard);
        String answer = guard.handle(io.cmkguard.TestFiles.read(io.cmkguard.TestFiles.sample(EVENT)),
                Optional.of(Instant.now().plusSeconds(4)));
        JsonNode result;
        try {
            result = JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("NON_COMPLIANT", result.path("verdict").asText(), answer);
        assertTrue(tenancy.logText().contains("cmk-guard." + MetricsPoster.LATE), tenancy.logText());
    }
}
