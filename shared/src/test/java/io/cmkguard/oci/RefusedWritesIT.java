package io.cmkguard.oci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes that must not land twice (the report's objects, a sweep's self-invocation) are sent again when OCI
 * refused them with 429 before doing anything, so a sweep at the API's rate limit loses neither. Through the real
 * SDK clients against the emulator's throttle (1 request a second).
 */
class RefusedWritesIT {
    private static final String BUCKET = "reports";
    private static final String FUNCTION = "ocid1.fnfunc.oc1.iad.refused";

    private static World world() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode bucket = f.objectNode().put("namespace", GeneratedWorld.NAMESPACE).put("name", BUCKET)
                .put("compartmentId", GeneratedWorld.TENANCY).put("id", "ocid1.bucket.oc1.iad.reports");
        ObjectNode function = f.objectNode().put("id", FUNCTION).put("displayName", "cmk-guard")
                .put("compartmentId", GeneratedWorld.TENANCY).put("lifecycleState", "ACTIVE")
                .put("timeoutInSeconds", 30);
        return GeneratedWorld.generate(0, 0, 2, 3).world().with("buckets", bucket).with("functions", function);
    }

    @Test
    void objectsWrittenOnceGetThroughAThrottleAndAreStillWrittenOnlyOnce() {
        try (EmulatedCloud cloud = new EmulatedCloud(world(), EmulatorOptions.trusting().withThrottle(1));
             OciClients clients = cloud.clients()) {
            ObjectStore store = new ObjectStore(clients, BUCKET);
            for (int i = 0; i < 3; i++) {
                assertTrue(store.putIfAbsent("parts/" + i + ".json", "{\"part\":" + i + "}", "application/json"));
            }
            assertFalse(store.putIfAbsent("parts/0.json", "{\"part\":\"again\"}", "application/json"),
                    "a name already taken stays as first written");

            assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.status() == 429), "the throttle refused some");
            Map<String, String> kept = cloud.emulator.objects().stream().collect(Collectors.toMap(
                    o -> o.path("name").asText(), o -> o.path("content").asText()));
            assertEquals(Map.of("parts/0.json", "{\"part\":0}", "parts/1.json", "{\"part\":1}",
                    "parts/2.json", "{\"part\":2}"), kept);
        }
    }

    @Test
    void aDetachedInvocationRefusedByTheThrottleIsSentAgainAndRunsOnce() throws Exception {
        try (EmulatedCloud cloud = new EmulatedCloud(world(), EmulatorOptions.trusting().withThrottle(1));
             OciClients clients = cloud.clients()) {
            cloud.emulator.hostFunction((id, body, deadline) -> body);
            FunctionInvoker invoker = new FunctionInvoker(clients);
            for (int i = 0; i < 3; i++) {
                invoker.invokeDetached(FUNCTION, "{\"link\":" + i + "}");
            }
            assertTrue(cloud.emulator.awaitDetachedInvocations(Duration.ofSeconds(30)));

            assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.status() == 429), "the throttle refused some");
            List<String> bodies = cloud.emulator.invocations().stream().map(r -> r.path("body").asText()).toList();
            assertEquals(List.of("{\"link\":0}", "{\"link\":1}", "{\"link\":2}"), bodies, "each invocation ran once");
            assertTrue(cloud.emulator.invocations().stream().allMatch(r -> r.path("status").asText().equals("SUCCEEDED")));
        }
    }
}
