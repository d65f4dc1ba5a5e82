package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a key change that fails, is lost or races another writer, the result says what the re-read
 * shows: REMEDIATED only when it shows the target key after this function's write; COMPLIANT, quietly,
 * when someone else put it on a compliant key; REMEDIATION_FAILED otherwise. Real SDK clients, emulator.
 */
class RemediationTruthIT {
    private static final String KEY_SOFTWARE = "ocid1.key.oc1.iad.emuvault1.keysoftware";
    private static final String VOLUME = "ocid1.volume.oc1.iad.voloracle";
    private static final String SAMPLE = "blockvolumes.createvolume.end--oracle-managed.json";
    private static final String KMS_KEY_PUT = "/20160918/volumes/[^/]+/kmsKey";
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);

    private final EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @Test
    void aWriteWhoseAnswerIsLostToAServerFaultIsRemediatedByTheReread() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).respond(500, "InternalServerError").lostAnswer());
        JsonNode r = tenancy.send(SAMPLE);
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(KEY_HSM, r.path("kmsKeyIdAfter").asText());
        assertTrue(r.path("error").isNull(), r.toPrettyString());
        assertTrue(last(r.path("reasons")).startsWith("the answer to the key change was lost"), r.toPrettyString());
        assertEquals(1, puts(), "a write that may have landed is re-read, never blindly sent again");
        assertEquals(KEY_HSM, tenancy.stateOf("volumes", VOLUME).path("kmsKeyId").asText());
        assertTrue(onlyMessage().startsWith("[cmk-guard] FIXED:"), onlyMessage());
    }

    @Test
    void aWriteThatTimesOutAfterLandingIsRemediatedByTheReread() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM,
                "CMK_GUARD_OCI_TIMEOUT_SECONDS", "1"));
        tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).delay(Duration.ofMillis(2500)).lostAnswer()
                .times(1));
        JsonNode r = tenancy.send(SAMPLE);
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertTrue(last(r.path("reasons")).contains("timed out"), r.toPrettyString());
        assertEquals(KEY_HSM, tenancy.stateOf("volumes", VOLUME).path("kmsKeyId").asText());
    }

    @Test
    void anEtagThatMovedWhileTheKeyStayedIsRetriedWithTheFreshEtag() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).respond(412, "NoEtagMatch").times(1));
        JsonNode r = tenancy.send(SAMPLE);
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(2, puts());
    }

    @Test
    void aThrottlingStormOnTheWriteFailsTruthfullyAndChangesNothing() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).respond(429, "TooManyRequests"));
        JsonNode r = tenancy.send(SAMPLE);
        assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
        assertEquals("TooManyRequests", r.path("error").path("code").asText());
        assertTrue(r.path("error").path("message").asText().contains("still on the Oracle-managed key"),
                r.toPrettyString());
        assertTrue(r.path("kmsKeyIdAfter").isNull());
        assertEquals(2, puts(), "CMK_GUARD_RETRY_ATTEMPTS=2 bounds the writes too");
        assertTrue(tenancy.stateOf("volumes", VOLUME).path("kmsKeyId").isMissingNode());
    }

    @Test
    void whenTheWriteAndThePublishBothFailTheResultReportsBoth() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).respond(409, "IncorrectState"));
        tenancy.emulator.faults().add(Fault.on("POST", "/20181201/topics/.*").respond(503, "ServiceUnavailable"));
        JsonNode r = tenancy.send(SAMPLE);
        assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
        assertEquals("IncorrectState", r.path("error").path("code").asText(), r.toPrettyString());
        assertEquals("ServiceUnavailable", r.path("publishError").path("code").asText(), r.toPrettyString());
        assertTrue(r.path("publishError").path("message").asText().contains("could not be published"));
        assertFalse(r.path("notified").asBoolean());
        assertTrue(tenancy.logText().contains("\"publishError\":{\"code\":\"ServiceUnavailable\""),
                "the decision log carries both faults too");
    }

    @Test
    void twoInstancesRemediatingTheSameVolumeEndOneRemediatedOneQuietlyCompliant() throws Exception {
        List<JsonNode> results = race(REMEDIATE, REMEDIATE);
        assertOneWinnerOneQuietLoser(results, KEY_HSM);
    }

    @Test
    void anotherInstancePuttingItOnAnotherCompliantKeyIsAConcurrentFixNotAFailure() throws Exception {
        List<JsonNode> results = race(REMEDIATE, Map.of("CMK_GUARD_MODE", "remediate",
                "CMK_GUARD_KMS_KEY_ID", KEY_SOFTWARE));
        String winner = results.stream().filter(r -> r.path("action").asText().equals("REMEDIATED")).findFirst()
                .orElseThrow().path("kmsKeyIdAfter").asText();
        assertOneWinnerOneQuietLoser(results, winner);
    }

    /**
     * Two warm function instances get the same event at once. Key writes wait a moment at the emulator,
     * so both have read the volume (same etag) before either write lands: the second write meets 412.
     */
    private List<JsonNode> race(Map<String, String> first, Map<String, String> second) throws Exception {
        String event = TestFiles.read(TestFiles.sample(SAMPLE));
        String warmUp = TestFiles.read(TestFiles.sample("blockvolumes.createvolume.end--compliant.json"));
        try (CmkGuard a = tenancy.another(first); CmkGuard b = tenancy.another(second)) {
            EmulatedTenancy.answer(a, warmUp); // clients built, so both start from the same line
            EmulatedTenancy.answer(b, warmUp);
            tenancy.emulator.faults().add(Fault.on("PUT", KMS_KEY_PUT).delay(Duration.ofMillis(1500)));
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
            for (CmkGuard instance : List.of(a, b)) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return EmulatedTenancy.answer(instance, event);
                }));
            }
            start.countDown();
            return runs.stream().map(CompletableFuture::join).toList();
        }
    }

    private void assertOneWinnerOneQuietLoser(List<JsonNode> results, String winnerKey) {
        String both = results.toString();
        assertEquals(1, results.stream().filter(r -> r.path("action").asText().equals("REMEDIATED")).count(), both);
        JsonNode loser = results.stream().filter(r -> !r.path("action").asText().equals("REMEDIATED"))
                .findFirst().orElseThrow();
        assertEquals("COMPLIANT", loser.path("verdict").asText(), both);
        assertEquals("NONE", loser.path("action").asText(), both);
        assertTrue(loser.path("error").isNull(), both);
        assertFalse(loser.path("notified").asBoolean(), both);
        assertTrue(loser.path("reasons").get(0).asText().startsWith("fixed concurrently"), both);
        assertEquals(winnerKey, loser.path("kmsKeyIdAfter").asText(), both);
        assertEquals(winnerKey, tenancy.stateOf("volumes", VOLUME).path("kmsKeyId").asText());
        assertEquals(1, tenancy.emulator.messages().size(), "one FIXED message, no alarm: "
                + tenancy.emulator.messages());
        assertTrue(onlyMessage().startsWith("[cmk-guard] FIXED:"), onlyMessage());
        List<Integer> putStatuses = tenancy.emulator.requests().stream().filter(q -> q.method().equals("PUT"))
                .map(RecordedRequest::status).sorted().toList();
        assertEquals(List.of(200, 412), putStatuses, "both wrote; the second met the first's etag");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long puts() {
        return tenancy.emulator.requests().stream().filter(q -> q.method().equals("PUT")).count();
    }

    private String onlyMessage() {
        assertEquals(1, tenancy.emulator.messages().size(), tenancy.emulator.messages().toString());
        return tenancy.emulator.messages().get(0).path("body").asText();
    }

    private static String last(JsonNode array) {
        return array.get(array.size() - 1).asText();
    }
}
