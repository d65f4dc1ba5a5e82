package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.functions.FunctionsInvokeClient;
import com.oracle.bmc.functions.FunctionsManagementClient;
import com.oracle.bmc.functions.model.Function;
import com.oracle.bmc.functions.requests.GetFunctionRequest;
import com.oracle.bmc.functions.requests.InvokeFunctionRequest;
import com.oracle.bmc.functions.responses.InvokeFunctionResponse;
import com.oracle.bmc.util.StreamUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.cmkguard.emulator.TestWorld.COMPARTMENT;
import static org.junit.jupiter.api.Assertions.*;

/** Functions GetFunction and InvokeFunction (sync and detached) through the real SDK clients, request-signed. */
class FunctionInvocationsTest {
    static final String FUNCTION = "ocid1.fnfunc.oc1.iad.cmkguard";
    static final String APPLICATION = "ocid1.fnapp.oc1.iad.cmkguard";

    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private FunctionsInvokeClient invoke;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(world(), EmulatorOptions.trusting(keys.publicKey()));
        invoke = invokeClient(emulator);
    }

    @AfterEach
    void stop() {
        invoke.close();
        emulator.close();
    }

    static World world() {
        ObjectNode function = Json.object();
        function.put("id", FUNCTION);
        function.put("displayName", "cmk-guard");
        function.put("applicationId", APPLICATION);
        function.put("compartmentId", COMPARTMENT);
        function.put("lifecycleState", "ACTIVE");
        function.put("memoryInMBs", 256);
        function.put("timeoutInSeconds", 300);
        function.put("detachedModeTimeoutInSeconds", 3600);
        function.put("invokeEndpoint", "https://abc.us-ashburn-1.functions.oci.oraclecloud.com");
        return TestWorld.world().with("functions", function);
    }

    /** As production code builds it: on the invoke endpoint GetFunction answers. */
    private static FunctionsInvokeClient invokeClient(OciEmulator emulator) {
        try (FunctionsManagementClient management = FunctionsManagementClient.builder().configuration(Sdk.noRetry())
                .endpoint(emulator.baseUrl()).build(auth)) {
            Function function = management.getFunction(GetFunctionRequest.builder().functionId(FUNCTION).build())
                    .getFunction();
            return FunctionsInvokeClient.builder().configuration(Sdk.noRetry()).endpoint(function.getInvokeEndpoint())
                    .build(auth);
        }
    }

    @Test
    void getFunctionAnswersTheWorldsFunctionOnTheEmulatorsInvokeEndpoint() {
        try (FunctionsManagementClient management = FunctionsManagementClient.builder().configuration(Sdk.noRetry())
                .endpoint(emulator.baseUrl()).build(auth)) {
            Function function = management.getFunction(GetFunctionRequest.builder().functionId(FUNCTION).build())
                    .getFunction();
            assertEquals(emulator.baseUrl(), function.getInvokeEndpoint());
            assertEquals(APPLICATION, function.getApplicationId());
            assertEquals(300, function.getTimeoutInSeconds());
            Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> management.getFunction(
                    GetFunctionRequest.builder().functionId("ocid1.fnfunc.oc1.iad.absent").build()));
        }
    }

    @Test
    void aSyncInvocationRunsTheHostAndAnswersItsBody() {
        emulator.hostFunction((id, body, deadline) -> (id + " got " + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        InvokeFunctionResponse answer = invoke(InvokeFunctionRequest.FnInvokeType.Sync, "{\"sweep\": {}}");
        assertEquals(200, answer.get__httpStatusCode__());
        assertEquals(FUNCTION + " got {\"sweep\": {}}", text(answer.getInputStream()));

        ObjectNode invocation = emulator.invocations().get(0);
        assertEquals(FUNCTION, invocation.get("functionId").asText());
        assertEquals("sync", invocation.get("invokeType").asText());
        assertEquals("{\"sweep\": {}}", invocation.get("body").asText());
        assertEquals("SUCCEEDED", invocation.get("status").asText());
        assertEquals(FUNCTION + " got {\"sweep\": {}}", invocation.get("answer").asText());
        assertEquals(Duration.ofSeconds(300), Duration.between(Instant.parse(invocation.get("timeReceived").asText()),
                Instant.parse(invocation.get("deadline").asText())));
    }

    @Test
    void aDetachedInvocationIsAcceptedAtOnceAndRunsTheHostOnAnEmulatorThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        emulator.hostFunction((id, body, deadline) -> {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return "done".getBytes(StandardCharsets.UTF_8);
        });
        InvokeFunctionResponse accepted = invoke(InvokeFunctionRequest.FnInvokeType.Detached, "{\"continuation\": \"t1\"}");
        assertEquals(202, accepted.get__httpStatusCode__());
        assertEquals("", text(accepted.getInputStream()));
        assertEquals("RUNNING", emulator.invocations().get(0).get("status").asText(), "answered before the host ended");
        assertFalse(emulator.awaitDetachedInvocations(Duration.ofMillis(50)));

        release.countDown();
        assertTrue(emulator.awaitDetachedInvocations(Duration.ofSeconds(30)));
        ObjectNode invocation = emulator.invocations().get(0);
        assertEquals("detached", invocation.get("invokeType").asText());
        assertEquals("SUCCEEDED", invocation.get("status").asText());
        assertEquals("done", invocation.get("answer").asText());
        assertEquals(Duration.ofSeconds(3600), Duration.between(Instant.parse(invocation.get("timeReceived").asText()),
                Instant.parse(invocation.get("deadline").asText())), "a detached call has the detached timeout");

        ObjectNode dump = emulator.dump();
        assertEquals(emulator.invocations().get(0), dump.get("invocations").get(0));
        assertTrue(emulator.requests().stream().anyMatch(r -> r.method().equals("POST")
                && r.path().equals("/20181201/functions/" + FUNCTION + "/actions/invoke") && r.status() == 202));
        assertDoesNotThrow(() -> World.parse(Json.write(dump)), "a dump with invocations loads back");
    }

    @Test
    void aChainOfDetachedInvocationsRunsToItsEndAndIsAwaitedWhole() throws Exception {
        emulator.hostFunction((id, body, deadline) -> {
            int left = Integer.parseInt(new String(body, StandardCharsets.UTF_8));
            if (left > 0) { // like the sweep: hand the rest to the next invocation of itself, then end
                try (FunctionsInvokeClient self = invokeClient(emulator)) {
                    self.invokeFunction(InvokeFunctionRequest.builder().functionId(id)
                            .fnInvokeType(InvokeFunctionRequest.FnInvokeType.Detached)
                            .invokeFunctionBody(stream(Integer.toString(left - 1))).build());
                }
                Thread.sleep(20);
            }
            return ("link " + left).getBytes(StandardCharsets.UTF_8);
        });
        invoke(InvokeFunctionRequest.FnInvokeType.Detached, "3");
        assertTrue(emulator.awaitDetachedInvocations(Duration.ofSeconds(30)));
        List<ObjectNode> chain = emulator.invocations();
        assertEquals(List.of("3", "2", "1", "0"), chain.stream().map(i -> i.get("body").asText()).toList());
        assertTrue(chain.stream().allMatch(i -> i.get("status").asText().equals("SUCCEEDED")), chain.toString());
    }

    @Test
    void aFailingFunctionIsA502WhenSyncAndRecordedFailedWhenDetached() throws Exception {
        emulator.hostFunction((id, body, deadline) -> {
            throw new IllegalStateException("deliberate failure");
        });
        Sdk.assertFails(502, "FunctionInvokeExecutionFailed", () -> invoke(InvokeFunctionRequest.FnInvokeType.Sync, "{}"));
        assertEquals(202, invoke(InvokeFunctionRequest.FnInvokeType.Detached, "{}").get__httpStatusCode__());
        assertTrue(emulator.awaitDetachedInvocations(Duration.ofSeconds(30)));
        for (ObjectNode invocation : emulator.invocations()) {
            assertEquals("FAILED", invocation.get("status").asText());
            assertEquals("deliberate failure", invocation.get("error").asText());
        }
        assertEquals(2, emulator.invocations().size());
    }

    @Test
    void withoutAHostAnInvocationIsRefusedAndRecorded() {
        Sdk.assertFails(502, "FunctionInvokeImageNotAvailable",
                () -> invoke(InvokeFunctionRequest.FnInvokeType.Detached, "{}"));
        ObjectNode invocation = emulator.invocations().get(0);
        assertEquals("NOT_HOSTED", invocation.get("status").asText());
        assertTrue(invocation.get("error").asText().contains("hostFunction"), invocation.toString());
        Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> invoke.invokeFunction(InvokeFunctionRequest.builder()
                .functionId("ocid1.fnfunc.oc1.iad.absent").invokeFunctionBody(stream("{}")).build()));
        assertEquals(1, emulator.invocations().size(), "an unknown function is not an invocation");
    }

    private InvokeFunctionResponse invoke(InvokeFunctionRequest.FnInvokeType type, String body) {
        return invoke.invokeFunction(InvokeFunctionRequest.builder().functionId(FUNCTION).fnInvokeType(type)
                .invokeFunctionBody(stream(body)).build());
    }

    /** The invoke body is signed, so the SDK needs a stream it can read twice. */
    private static InputStream stream(String text) {
        return StreamUtils.createByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
