package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.functions.FunctionsInvokeClient;
import com.oracle.bmc.functions.requests.InvokeFunctionRequest;
import com.oracle.bmc.monitoring.MonitoringClient;
import com.oracle.bmc.monitoring.model.PostMetricDataDetails;
import com.oracle.bmc.monitoring.requests.PostMetricDataRequest;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.util.StreamUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cmkguard.emulator.StorageRoutesTest.NAMESPACE;
import static org.junit.jupiter.api.Assertions.*;

/** The fault mechanism takes down Object Storage objects, Monitoring and function invocation, each on its own. */
class ServiceOutageTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private ObjectStorageClient objectStorage;
    private MonitoringClient monitoring;
    private FunctionsInvokeClient functions;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        World world = StorageRoutesTest.world().with("functions",
                (com.fasterxml.jackson.databind.node.ObjectNode) FunctionInvocationsTest.world().toJson()
                        .get("functions").get(0));
        emulator = OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey()))
                .hostFunction((id, body, deadline) -> {
                    runs.incrementAndGet();
                    return body;
                });
        objectStorage = ObjectStorageClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
        monitoring = MonitoringClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
        functions = FunctionsInvokeClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    @AfterEach
    void stop() {
        objectStorage.close();
        monitoring.close();
        functions.close();
        emulator.close();
    }

    @Test
    void objectStorageDownRefusesEveryObjectCallAndLeavesTheOtherServicesUp() {
        emulator.faults().add(Fault.on("*", Fault.OBJECTS).respond(503, "ServiceUnavailable"));
        Sdk.assertFails(503, "ServiceUnavailable", () -> put("sweeps/s1/report.json", null));
        Sdk.assertFails(503, "ServiceUnavailable", () -> objectStorage.listObjects(ListObjectsRequest.builder()
                .namespaceName(NAMESPACE).bucketName("plain").build()));
        assertTrue(emulator.objects().isEmpty());
        assertEquals(0, postMetric().getFailedMetricsCount(), "Monitoring is still up");
        assertEquals("{}", invoke());
        assertEquals("plain", objectStorage.getBucket(com.oracle.bmc.objectstorage.requests.GetBucketRequest.builder()
                .namespaceName(NAMESPACE).bucketName("plain").build()).getBucket().getName(), "buckets are still up");

        emulator.faults().clear();
        put("sweeps/s1/report.json", null);
        assertEquals(1, emulator.objects().size());
    }

    @Test
    void aLostAnswerToACreateMakesItsRetryMeetItsOwnObject() {
        emulator.faults().add(Fault.on("PUT", Fault.OBJECTS).respond(500, "InternalServerError").lostAnswer().times(1));
        Sdk.assertFails(500, "InternalServerError", () -> put("sweeps/s1/digest", "*"));
        assertEquals(1, emulator.objects().size(), "the write happened; only its answer was lost");
        Sdk.assertFails(412, "IfNoneMatchFailed", () -> put("sweeps/s1/digest", "*"));
    }

    @Test
    void monitoringDownRefusesEveryPostAndKeepsNoMetric() {
        emulator.faults().add(Fault.on("POST", Fault.METRICS).respond(503, "ServiceUnavailable"));
        Sdk.assertFails(503, "ServiceUnavailable", this::postMetric);
        assertTrue(emulator.metrics().isEmpty());
        put("a.json", null);
        assertEquals(1, emulator.objects().size(), "Object Storage is still up");
    }

    @Test
    void aRefusedInvocationNeverRunsTheFunction() {
        emulator.faults().add(Fault.on("POST", Fault.FUNCTION_INVOKE).respond(429, "TooManyRequests").times(1));
        Sdk.assertFails(429, "TooManyRequests", this::invoke);
        assertEquals(0, runs.get());
        assertTrue(emulator.invocations().isEmpty());
        assertEquals(429, emulator.requests().get(0).status());
        assertEquals("{}", invoke(), "the fault was for one call");
        assertEquals(1, runs.get());
    }

    private void put(String name, String ifNoneMatch) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        objectStorage.putObject(PutObjectRequest.builder().namespaceName(NAMESPACE).bucketName("plain").objectName(name)
                .ifNoneMatch(ifNoneMatch).putObjectBody(StreamUtils.createByteArrayInputStream(body))
                .contentLength((long) body.length).build());
    }

    private com.oracle.bmc.monitoring.model.PostMetricDataResponseDetails postMetric() {
        return monitoring.postMetricData(PostMetricDataRequest.builder().postMetricDataDetails(PostMetricDataDetails
                .builder().metricData(List.of(MetricIngestionTest.metric(m -> m))).build()).build())
                .getPostMetricDataResponseDetails();
    }

    private String invoke() {
        try (var in = functions.invokeFunction(InvokeFunctionRequest.builder().functionId(FunctionInvocationsTest.FUNCTION)
                .invokeFunctionBody(StreamUtils.createByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))
                .build()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
