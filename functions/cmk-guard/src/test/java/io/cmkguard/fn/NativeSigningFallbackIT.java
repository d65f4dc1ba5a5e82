package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.fn.FnAnswer;
import io.cmkguard.emulator.fn.FnContainer;
import io.cmkguard.emulator.fn.FnSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Native request signing in the function as it runs in OCI Functions (a child JVM over the unix socket):
 * nothing loads before the first answer; the second event starts the load; and when the native library
 * cannot load, here forced by a temporary directory that cannot be created (a hardened container), the
 * JDK keeps signing, the log says so once, and every answer is the same as with native signing.
 */
class NativeSigningFallbackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A volume event (the cold answer), then a key event whose search loads the provider, then more. */
    private static final List<String> EVENTS = List.of("blockvolumes.createvolume.end--oracle-managed.json",
            "keymanagementservice.changekeycompartment.end--in-use.json",
            "computeapi.launchinstance.end--oracle-managed-boot-volume.json",
            "keymanagementservice.schedulekeyversiondeletion.end--in-use.json",
            "blockvolumes.createvolume.end--oracle-managed.json");

    private DemoTenancy tenancy;
    private Path dir;

    @BeforeEach
    void start(@TempDir Path dir) {
        FnImageLayout.requireNativeLibrary();
        assumeTrue("amd64".equals(System.getProperty("os.arch")) && "Linux".equals(System.getProperty("os.name")),
                "the shipped provider's native library is for Linux x86-64 only");
        this.dir = dir;
        tenancy = new DemoTenancy(dir);
    }

    @AfterEach
    void stop() {
        if (tenancy != null) {
            tenancy.close();
        }
    }

    @Test
    void whenTheNativeLibraryCannotLoadTheJdkSignsTheSameAnswersAndTheLogSaysSoOnce() throws IOException {
        Run natively = run("native", List.of());
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "the temporary directory cannot be made under it");
        Run forced = run("forced", List.of("-Djava.io.tmpdir=" + notADirectory.resolve("tmp")));

        assertEquals(List.of(), natively.linesAfterFirstAnswer, "nothing loads before the first answer");
        assertEquals(List.of(), forced.linesAfterFirstAnswer, "nothing loads before the first answer");
        assertEquals(1, natively.nativeSigningLines.size(), natively.nativeSigningLines::toString);
        assertTrue(natively.nativeSigningLines.get(0).contains("\"log\":\"cmk-guard.native-signing\""),
                natively.nativeSigningLines::toString);
        assertTrue(natively.nativeSigningLines.get(0).contains("AmazonCorrettoCryptoProvider 2.4.1 signs requests"),
                natively.nativeSigningLines::toString);
        assertEquals(1, forced.nativeSigningLines.size(), "said once: " + forced.nativeSigningLines);
        assertTrue(forced.nativeSigningLines.get(0).contains("\"log\":\"cmk-guard.native-signing-unavailable\""),
                forced.nativeSigningLines::toString);
        assertTrue(forced.nativeSigningLines.get(0).contains("AmazonCorrettoCryptoProvider could not load its native"
                + " library (it offers no SHA256withRSA): the JDK's provider signs requests"), forced.nativeSigningLines::toString);

        assertEquals(natively.answers, forced.answers, "the same answers whichever provider signs");
        for (JsonNode answer : natively.answers) {
            assertTrue(answer.path("error").isNull(), "every request was signed and verified: " + answer);
        }
    }

    /** What one function JVM answered and logged over the events, each event sent twice after the load. */
    private record Run(List<JsonNode> answers, List<String> linesAfterFirstAnswer, List<String> nativeSigningLines) {
    }

    private Run run(String name, List<String> extraJvmArgs) {
        List<String> jvmArgs = new ArrayList<>(extraJvmArgs);
        jvmArgs.addAll(FnImageLayout.jvmArgs());
        try (FnContainer fn = FnContainer.start(FnImageLayout.java(), jvmArgs, "io.cmkguard.fn.CmkGuardFunction::handleRequest",
                tenancy.config("audit"), dir.resolve("function-" + name + ".log")).awaitReady(Duration.ofSeconds(60));
             FnSocketClient client = new FnSocketClient(fn.socket())) {
            List<JsonNode> answers = new ArrayList<>();
            answers.add(call(client, EVENTS.get(0)));
            List<String> afterFirst = nativeSigningLines(fn);
            answers.add(call(client, EVENTS.get(1)));
            awaitNativeSigningLine(fn);
            for (int round = 0; round < 2; round++) {
                for (String event : EVENTS) {
                    answers.add(call(client, event));
                }
            }
            return new Run(answers, afterFirst, nativeSigningLines(fn));
        }
    }

    private static JsonNode call(FnSocketClient client, String sample) {
        FnAnswer answer = client.call(RepoFiles.readSample(sample), Instant.now().plusSeconds(30));
        assertEquals(200, answer.status(), sample + ": " + answer.text());
        try {
            ObjectNode result = (ObjectNode) JSON.readTree(answer.body());
            assertTrue(result.path("verdict").asText().matches("COMPLIANT|NON_COMPLIANT"), sample + ": " + result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.text(), e);
        }
    }

    private static void awaitNativeSigningLine(FnContainer fn) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (nativeSigningLines(fn).isEmpty()) {
            assertTrue(System.nanoTime() < until, "no native-signing line in 30 s:\n" + fn.logText());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> nativeSigningLines(FnContainer fn) {
        return fn.logText().lines().filter(l -> l.contains("\"log\":\"cmk-guard.native-signing")).toList();
    }
}
