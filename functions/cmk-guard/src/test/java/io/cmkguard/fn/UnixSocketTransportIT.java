package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.fn.FnAnswer;
import io.cmkguard.emulator.fn.FnContainer;
import io.cmkguard.emulator.fn.FnSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cmkguard.fn.DemoTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function over the transport OCI Functions really uses: the FDK's http-stream codec on a unix
 * socket, in a child JVM started as the Fn image starts it, the Fn server played by
 * {@link FnSocketClient}. The emulator is its own server (in this JVM); the function reaches it only
 * through the real, request-signing OCI SDK. One warm function serves every test of this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnixSocketTransportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOL_ORACLE = "ocid1.volume.oc1.iad.voloracle";
    private static final Duration START = Duration.ofSeconds(60);

    private Path dir;
    private DemoTenancy tenancy;
    private FnContainer function;
    private FnSocketClient fnServer;

    @BeforeAll
    void startWarmFunction(@TempDir Path dir) {
        FnImageLayout.requireNativeLibrary();
        this.dir = dir;
        tenancy = new DemoTenancy(dir);
        function = FnContainer.start(FnImageLayout.java(), FnImageLayout.jvmArgs(),
                "io.cmkguard.fn.CmkGuardFunction::handleRequest", tenancy.config("remediate"),
                dir.resolve("function.log")).awaitReady(START);
        fnServer = new FnSocketClient(function.socket());
    }

    @AfterAll
    void stop() {
        if (fnServer != null) {
            fnServer.close();
        }
        if (function != null) {
            function.close();
        }
        if (tenancy != null) {
            tenancy.close();
        }
    }

    private FnAnswer call(String sample) {
        return fnServer.call(RepoFiles.readSample(sample), Instant.now().plusSeconds(30));
    }

    private static JsonNode json(FnAnswer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.text(), e);
        }
    }

    @Test
    void compliantVolumeAnswers200WithTheResultAndOnlyReads() {
        int before = tenancy.requests().size();
        FnAnswer answer = call("blockvolumes.createvolume.end--compliant.json");

        assertEquals(200, answer.status(), answer.text());
        assertTrue(answer.header("Fn-Fdk-Version").orElse("").startsWith("fdk-java/1.0.212"), answer.headers()::toString);
        JsonNode result = json(answer);
        assertEquals("COMPLIANT", result.path("verdict").asText());
        assertEquals("NONE", result.path("action").asText());
        assertEquals(KEY_HSM, result.path("kmsKeyIdAfter").asText());
        List<RecordedRequest> made = tenancy.requests().subList(before, tenancy.requests().size());
        assertFalse(made.isEmpty(), "the volume is re-read through the SDK");
        assertTrue(made.stream().allMatch(r -> r.method().equals("GET")), made::toString);
    }

    @Test
    void oracleManagedVolumeIsRemediatedEndToEnd() {
        FnAnswer answer = call("blockvolumes.createvolume.end--oracle-managed.json");

        assertEquals(200, answer.status(), answer.text());
        JsonNode result = json(answer);
        assertEquals("NON_COMPLIANT", result.path("verdict").asText());
        assertEquals("REMEDIATED", result.path("action").asText(), answer.text());
        assertEquals(KEY_HSM, result.path("kmsKeyIdAfter").asText());
        assertTrue(result.path("notified").asBoolean());
        assertEquals(KEY_HSM, tenancy.volumeKey(VOL_ORACLE), "the emulator holds the new key");
        assertTrue(tenancy.emulator.messages().size() >= 1, "the finding was published");
    }

    @Test
    void badBodyAnswers200WithASpecificErrorAndCallsNothing() {
        int before = tenancy.requests().size();
        FnAnswer answer = fnServer.call("{not json", Instant.now().plusSeconds(30));

        assertEquals(200, answer.status(), "cmk-guard's own error, not an FDK failure");
        JsonNode result = json(answer);
        assertEquals("ERROR", result.path("verdict").asText());
        assertEquals("MalformedJson", result.path("error").path("code").asText());
        assertEquals(before, tenancy.requests().size(), "bad input makes no OCI call");
    }

    @Test
    void theAnswerIsUtf8WhateverThePlatformCharset() {
        // Fn sets no locale, so this JVM's platform charset is ASCII: text beyond it must still come back whole
        String eventType = "com.oraclecloud.blockvolumes.créée-ü-€-日本";
        FnAnswer answer = fnServer.call("{\"eventType\":\"" + eventType + "\",\"cloudEventsVersion\":\"0.1\","
                + "\"eventID\":\"e-1\",\"data\":{}}", Instant.now().plusSeconds(30));

        assertEquals(200, answer.status(), answer.text());
        JsonNode result = json(answer);
        assertEquals(eventType, result.path("eventType").asText(), answer.text());
        assertTrue(logSoon(eventType), "the decision log names it as sent, in UTF-8");
    }

    private boolean logSoon(String text) {
        for (int i = 0; i < 50; i++) {
            try {
                if (Files.readString(dir.resolve("function.log"), StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void oneWarmJvmAnswersManyCallsInTurn() {
        long pid = function.pid();
        String[] samples = {"blockvolumes.createvolume.end--compliant.json",
                "blockvolumes.createvolume.end--disabled-key.json",
                "blockvolumes.createvolume.end--compliant.json",
                "blockvolumes.updatevolumekmskey.end--after-remediation.json"};
        for (int round = 0; round < 3; round++) {
            for (String sample : samples) {
                FnAnswer answer = call(sample);
                assertEquals(200, answer.status(), sample + ": " + answer.text());
                assertFalse(json(answer).path("verdict").asText().isEmpty(), sample);
            }
        }
        // a new connection per call is served too (the Fn server may reconnect)
        try (FnSocketClient another = new FnSocketClient(function.socket())) {
            FnAnswer answer = another.call(RepoFiles.readSample(samples[0]), Instant.now().plusSeconds(30));
            assertEquals("COMPLIANT", json(answer).path("verdict").asText());
        }
        assertTrue(function.isAlive());
        assertEquals(pid, function.pid());
    }

    @Test
    void sdkWorkerThreadsStayBoundedOverManyCalls() {
        // The SDK's Jersey layer would add a thread per call here (its async pool: 50 core threads per client,
        // never expiring: oracle/oci-java-sdk#624); cmk-guard's own HTTP layer (io.cmkguard.oci.http) calls
        // in the caller's thread, so the count stays what the JVM, the FDK and the check pool need (~18).
        for (int i = 0; i < 60; i++) {
            assertEquals(200, call("blockvolumes.createvolume.end--compliant.json").status());
        }
        int threads = function.threads();
        for (int i = 0; i < 20; i++) {
            call("blockvolumes.createvolume.end--disabled-key.json");
        }
        assertTrue(threads < 30, "threads after 60 calls: " + threads);
        assertTrue(function.threads() <= threads + 4, "threads keep growing: " + threads + " -> " + function.threads());
    }

    @Test
    void anExpiredDeadlineStartsNoCheckAndSaysSo() {
        // FDK 1.0.212 passes Fn-Deadline to the function without acting on it: cmk-guard reads it and,
        // with the time already spent, starts nothing and answers why (the Fn server may abandon the call)
        int before = tenancy.requests().size();
        FnAnswer answer = fnServer.call(RepoFiles.readSample("blockvolumes.createvolume.end--compliant.json"),
                Instant.now().minusSeconds(60));

        assertEquals(200, answer.status(), answer.text());
        assertEquals("ERROR", json(answer).path("verdict").asText(), answer.text());
        assertEquals("DeadlineExceeded", json(answer).path("error").path("code").asText(), answer.text());
        assertEquals(before, tenancy.requests().size(), "nothing was read or changed");
    }

    @Test
    void missingOrMalformedFnHeadersAreRefusedByTheFdkWith500() {
        byte[] body = RepoFiles.readSample("blockvolumes.createvolume.end--compliant.json")
                .getBytes(StandardCharsets.UTF_8);
        int before = tenancy.requests().size();

        FnAnswer badDeadline = fnServer.call(body, Map.of("Fn-Call-Id", "c1", "Fn-Deadline", "tomorrow"));
        FnAnswer noCallId = fnServer.call(body, Map.of("Fn-Deadline", Instant.now().plusSeconds(30).toString()));

        assertEquals(500, badDeadline.status());
        assertTrue(badDeadline.text().contains("Invalid input for function"), badDeadline.text());
        assertTrue(badDeadline.text().contains("deadline"), badDeadline.text());
        assertEquals(500, noCallId.status());
        assertTrue(noCallId.text().contains("Fn-Call-Id"), noCallId.text());
        assertEquals(before, tenancy.requests().size(), "the function was never invoked");
        assertEquals(200, call("blockvolumes.createvolume.end--compliant.json").status(), "and it stays warm");
    }

    @Test
    void aFailingFunctionAnswers502AndStaysWarm() {
        try (FnContainer failing = FnContainer.start(FnImageLayout.java(),
                FnImageLayout.jvmArgs(Path.of("target/test-classes")), "io.cmkguard.fn.FailingFunction::handleRequest",
                Map.of(), dir.resolve("failing.log")).awaitReady(START);
             FnSocketClient client = new FnSocketClient(failing.socket())) {
            FnAnswer first = client.call("boom", Instant.now().plusSeconds(30));
            FnAnswer second = client.call("again", Instant.now().plusSeconds(30));

            assertEquals(502, first.status(), first.text());
            assertEquals(502, second.status(), "the container stays up for the next call");
            assertTrue(failing.isAlive());
            assertTrue(failing.logText().contains("deliberate failure for: boom"), failing::logText);
        }
    }
}
