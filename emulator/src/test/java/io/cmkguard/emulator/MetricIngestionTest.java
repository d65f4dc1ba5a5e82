package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.monitoring.MonitoringClient;
import com.oracle.bmc.monitoring.model.Datapoint;
import com.oracle.bmc.monitoring.model.MetricDataDetails;
import com.oracle.bmc.monitoring.model.PostMetricDataDetails;
import com.oracle.bmc.monitoring.model.PostMetricDataResponseDetails;
import com.oracle.bmc.monitoring.requests.PostMetricDataRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.cmkguard.emulator.TestWorld.COMPARTMENT;
import static org.junit.jupiter.api.Assertions.*;

/** Monitoring PostMetricData through the real MonitoringClient, request-signed. */
class MetricIngestionTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private MonitoringClient monitoring;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
        monitoring = MonitoringClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    @AfterEach
    void stop() {
        monitoring.close();
        emulator.close();
    }

    @Test
    void acceptedMetricsAreKeptAsSentAndInTheDump() {
        Instant at = Instant.now().minusSeconds(30);
        PostMetricDataResponseDetails answer = post(null, metric(m -> m.metadata(Map.of("unit", "count"))
                .datapoints(List.of(Datapoint.builder().timestamp(Date.from(at)).value(3.0).count(1).build()))));
        assertEquals(0, answer.getFailedMetricsCount());
        assertEquals(List.of(), answer.getFailedMetrics());

        List<ObjectNode> metrics = emulator.metrics();
        assertEquals(1, metrics.size());
        ObjectNode metric = metrics.get(0);
        assertEquals("cmk_guard", metric.get("namespace").asText());
        assertEquals(COMPARTMENT, metric.get("compartmentId").asText());
        assertEquals("resources_not_on_cmk", metric.get("name").asText());
        assertEquals("block-volume", metric.get("dimensions").get("resourceType").asText());
        assertEquals("count", metric.get("metadata").get("unit").asText());
        assertEquals(3.0, metric.get("datapoints").get(0).get("value").asDouble());
        assertEquals(at.toEpochMilli(), Instant.parse(metric.get("datapoints").get(0).get("timestamp").asText()).toEpochMilli());
        assertEquals(metrics, listOf(emulator.dump().get("metrics")));
        assertDoesNotThrow(() -> World.parse(Json.write(emulator.dump())), "a dump with metrics loads back");
    }

    @Test
    void eachInvalidMetricIsAFailedRecordAndTheValidOnesAreKept() {
        Instant old = Instant.now().minus(Duration.ofHours(3));
        Instant ahead = Instant.now().plus(Duration.ofMinutes(20));
        List<Map.Entry<String, UnaryOperator<MetricDataDetails.Builder>>> invalid = List.of(
                Map.entry("oci_ and oracle_ are reserved", m -> m.namespace("oci_reserved")),
                Map.entry("oci_ and oracle_ are reserved", m -> m.namespace("oracle_reserved")),
                Map.entry("lower-case", m -> m.namespace("CmkGuard")),
                Map.entry("name 'resources not on cmk'", m -> m.name("resources not on cmk")),
                Map.entry("dimensions can not be null or empty", m -> m.dimensions(Map.of())),
                Map.entry("at most 20 dimensions", m -> m.dimensions(manyDimensions(21))),
                Map.entry("dimension key 'resource type'", m -> m.dimensions(Map.of("resource type", "x"))),
                Map.entry("dimension resourceType", m -> m.dimensions(Map.of("resourceType", ""))),
                Map.entry("at least one data point", m -> m.datapoints(List.of())),
                Map.entry("out of range", m -> m.datapoints(List.of(point(old)))),
                Map.entry("out of range", m -> m.datapoints(List.of(point(ahead)))),
                Map.entry("compartmentId is required", m -> m.compartmentId(null)));

        List<MetricDataDetails> metrics = new ArrayList<>();
        metrics.add(metric(m -> m));
        invalid.forEach(entry -> metrics.add(metric(entry.getValue())));
        PostMetricDataResponseDetails answer = post(null, metrics.toArray(MetricDataDetails[]::new));

        assertEquals(invalid.size(), answer.getFailedMetricsCount());
        for (int i = 0; i < invalid.size(); i++) {
            String message = answer.getFailedMetrics().get(i).getMessage();
            assertTrue(message.contains(invalid.get(i).getKey()), message + " should say " + invalid.get(i).getKey());
        }
        assertEquals("oci_reserved", answer.getFailedMetrics().get(0).getMetricData().getNamespace());
        assertEquals(1, emulator.metrics().size(), "only the valid metric is kept");
    }

    @Test
    void aPostThatNothingPassesOrAtomicWithAFailureOrOverFiftyStreamsIsRefusedWhole() {
        MetricDataDetails good = metric(m -> m);
        MetricDataDetails bad = metric(m -> m.namespace("oci_x"));
        Sdk.assertFails(400, "InvalidParameter", () -> post(null, bad));
        Sdk.assertFails(400, "InvalidParameter", () -> post(PostMetricDataDetails.BatchAtomicity.Atomic, good, bad));
        List<MetricDataDetails> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            String compartment = "ocid1.compartment.oc1..c" + i;
            fiftyOne.add(metric(m -> m.compartmentId(compartment)));
        }
        Sdk.assertFails(400, "InvalidParameter", () -> post(null, fiftyOne.toArray(MetricDataDetails[]::new)));
        Sdk.assertFails(400, "InvalidParameter", () -> post(null));
        assertTrue(emulator.metrics().isEmpty());

        List<MetricDataDetails> fiftyDatapointsOfOneStream = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fiftyDatapointsOfOneStream.add(good);
        }
        assertEquals(0, post(null, fiftyDatapointsOfOneStream.toArray(MetricDataDetails[]::new)).getFailedMetricsCount(),
                "the limit counts unique streams, not metric objects");
    }

    private PostMetricDataResponseDetails post(PostMetricDataDetails.BatchAtomicity atomicity, MetricDataDetails... metrics) {
        return monitoring.postMetricData(PostMetricDataRequest.builder().postMetricDataDetails(
                PostMetricDataDetails.builder().metricData(List.of(metrics)).batchAtomicity(atomicity).build()).build())
                .getPostMetricDataResponseDetails();
    }

    static MetricDataDetails metric(UnaryOperator<MetricDataDetails.Builder> change) {
        return change.apply(MetricDataDetails.builder().namespace("cmk_guard").compartmentId(COMPARTMENT)
                .name("resources_not_on_cmk").dimensions(Map.of("resourceType", "block-volume"))
                .datapoints(List.of(point(Instant.now())))).build();
    }

    private static Datapoint point(Instant at) {
        return Datapoint.builder().timestamp(Date.from(at)).value(1.0).build();
    }

    private static Map<String, String> manyDimensions(int n) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            dimensions.put("d" + i, "v");
        }
        return dimensions;
    }

    private static List<ObjectNode> listOf(com.fasterxml.jackson.databind.JsonNode array) {
        List<ObjectNode> list = new ArrayList<>();
        array.forEach(n -> list.add((ObjectNode) n));
        return list;
    }
}
