package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import io.cmkguard.result.Action;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.TestFiles;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.oci.Auth;
import io.cmkguard.policy.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every OCI call cmk-guard makes on the event path x every way a call can go wrong. The calls are not
 * listed by hand: each scenario (a sample event in a mode) is run once without faults and the calls it
 * made are recorded; then each call (the k-th request to that path, so a re-read is its own call) is
 * faulted in turn, from that request on. Every case must end in a truthful result: a code, never a
 * crash, never REMEDIATED unless the resource is on the target key, a key change that did land but is
 * not REMEDIATED says so, writes only to the resource in question, no FIXED message unless REMEDIATED.
 */
class FaultMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";

    /** The sample events whose paths cover every call, in the mode that makes the most calls. */
    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("blockvolumes.createvolume.end--oracle-managed.json", "remediate");
        SCENARIOS.put("blockvolumes.createvolume.end--clone-downgrade.json", "remediate");
        SCENARIOS.put("blockvolumes.createvolume.end--compliant.json", "notify");
        SCENARIOS.put("computeapi.launchinstance.end--oracle-managed-boot-volume.json", "remediate");
        SCENARIOS.put("blockvolumes.createvolumebackup.end--oracle-managed.json", "remediate");
        SCENARIOS.put("blockvolumes.createbootvolumebackup.end--oracle-managed.json", "remediate");
        SCENARIOS.put("databaseservice.autonomous.database.instance.create.end--oracle-managed.json", "remediate");
        SCENARIOS.put("databaseservice.createdatabase.end--wallet-only.json", "notify");
        SCENARIOS.put("databaseservice.createpluggabledatabase.end--wallet-container.json", "notify");
        SCENARIOS.put("databaseservice.createcloudvmcluster.end--two-databases.json", "notify");
    }

    /** Calls the event path must make in these scenarios (regular expressions over the call labels). */
    private static final List<String> EXPECTED_CALLS = List.of(
            "GET /20160918/volumes/\\{id} #1", "GET /20160918/volumes/\\{id} #2", // the read and the re-read
            "GET /20160918/bootVolumes/\\{id} #1", "GET /20160918/volumeBackups/\\{id} #1",
            "GET /20160918/bootVolumeBackups/\\{id} #1", "GET /20160918/autonomousDatabases/\\{id} #1",
            "GET /20160918/databases/\\{id} #1", "GET /20160918/pluggableDatabases/\\{id} #1",
            "GET /20180608/keys/\\{id} #1", "GET /20180608/vaults/\\{id} #1",
            "PUT /20160918/volumes/\\{id}/kmsKey #1", "PUT /20160918/bootVolumes/\\{id}/kmsKey #1",
            "PUT /20160918/volumeBackups/\\{id} #1", "PUT /20160918/bootVolumeBackups/\\{id} #1",
            "POST /20160918/autonomousDatabases/\\{id}/actions/configureAutonomousDatabaseVaultKey #1",
            "POST /20181201/topics/\\{id}/messages #1");

    /** How a call can go wrong; each applies to the faulted request and every later one to its path. */
    private enum Kind {
        NOT_FOUND(f -> f.respond(404, "NotAuthorizedOrNotFound")),
        CONFLICT(f -> f.respond(409, "IncorrectState")),
        PRECONDITION(f -> f.respond(412, "NoEtagMatch")),
        THROTTLING_STORM(f -> f.respond(429, "TooManyRequests")),
        SERVER_ERROR(f -> f.respond(500, "InternalServerError")),
        TIMEOUT(f -> f.delay(Duration.ofMillis(1300))), // past the 1 s read timeout, every attempt
        LOST_ANSWER(f -> f.respond(502, "BadGateway").lostAnswer()), // carried out, then answered 502
        OK_WITH_ERROR_BODY(f -> f.respond(200, "InternalServerError"));

        final UnaryOperator<Fault> shape;

        Kind(UnaryOperator<Fault> shape) {
            this.shape = shape;
        }
    }

    /** The k-th request a scenario makes to one path, named by its method and path shape. */
    private record Call(String scenario, String mode, String method, String path, int occurrence) {
        String label() {
            return method + " " + path.replaceAll("ocid1\\.[^/]+", "{id}") + " #" + occurrence;
        }
    }

    private static SigningKeys keys;
    private static Path configFile;
    private static final Map<String, Integer> outcomes = new TreeMap<>();

    @BeforeAll
    static void signingKey() throws Exception {
        keys = SigningKeys.generate();
        configFile = keys.writeOciConfig(Files.createTempDirectory("cmk-guard-matrix"));
    }

    @TestFactory
    Stream<DynamicTest> everyCallTimesEveryFaultEndsInATruthfulResult() {
        Map<String, Call> calls = new LinkedHashMap<>(); // one per label: the first scenario that makes it
        SCENARIOS.forEach((sample, mode) -> recordCalls(sample, mode).forEach(c -> calls.putIfAbsent(c.label(), c)));
        for (String expected : EXPECTED_CALLS) { // the generated list must not silently lose a call
            assertTrue(calls.keySet().stream().anyMatch(label -> label.matches(expected)),
                    expected + " is not among the calls made: " + calls.keySet());
        }
        List<DynamicTest> cases = new ArrayList<>();
        for (Call call : calls.values()) {
            for (Kind kind : Kind.values()) {
                cases.add(DynamicTest.dynamicTest(call.label() + " x " + kind + " (" + call.scenario() + ")",
                        () -> runCase(call, kind)));
            }
        }
        cases.add(DynamicTest.dynamicTest("figures", () -> System.out.println("[fault matrix] " + calls.size()
                + " calls x " + Kind.values().length + " faults = " + (cases.size() - 1) + " cases; outcomes "
                + outcomes + "; calls " + calls.keySet())));
        return cases.stream();
    }

    private List<Call> recordCalls(String sample, String mode) {
        try (OciEmulator emulator = emulator(); CmkGuard guard = guard(emulator, mode)) {
            JsonNode r = send(guard, sample);
            assertFalse(r.path("verdict").asText().equals("ERROR"), "fault-free run of " + sample + ": " + r);
            Map<String, Integer> seen = new HashMap<>();
            List<Call> calls = new ArrayList<>();
            for (RecordedRequest q : emulator.requests()) {
                int k = seen.merge(q.method() + " " + q.path(), 1, Integer::sum);
                calls.add(new Call(sample, mode, q.method(), q.path(), k));
            }
            return calls;
        }
    }

    private void runCase(Call call, Kind kind) {
        try (OciEmulator emulator = emulator(); CmkGuard guard = guard(emulator, call.mode())) {
            String exactPath = Pattern.quote(call.path());
            if (call.occurrence() > 1) { // let the earlier requests to this path through
                emulator.faults().add(Fault.on(call.method(), exactPath).times(call.occurrence() - 1));
            }
            emulator.faults().add(kind.shape.apply(Fault.on(call.method(), exactPath)));
            JsonNode before = emulator.dump();

            JsonNode r = send(guard, call.scenario()); // never throws: a crash fails the case here

            String context = call.label() + " x " + kind + ": " + r.toPrettyString();
            List<JsonNode> results = r.path("items").isEmpty() ? List.of(r) : list(r.path("items"));
            for (JsonNode result : results) {
                assertTruthful(result, before, emulator, context);
            }
            assertNotNull(Status.valueOf(r.path("verdict").asText()));
            for (RecordedRequest q : emulator.requests()) {
                boolean write = !q.method().equals("GET") && !q.path().endsWith("/messages");
                assertTrue(!write || results.stream().anyMatch(x -> q.path().contains(x.path("resourceId").asText())),
                        "a write to a resource the result does not name: " + q + " in " + context);
            }
            boolean fixed = emulator.messages().stream().anyMatch(m -> m.path("body").asText()
                    .startsWith("[cmk-guard] FIXED"));
            assertTrue(!fixed || results.stream().anyMatch(x -> x.path("action").asText().equals("REMEDIATED")),
                    "a FIXED message for a resource that is not REMEDIATED: " + context);
            synchronized (outcomes) {
                outcomes.merge(r.path("verdict").asText() + "/" + r.path("action").asText(), 1, Integer::sum);
            }
        }
    }

    private static void assertTruthful(JsonNode result, JsonNode before, OciEmulator emulator, String context) {
        Status verdict = Status.valueOf(result.path("verdict").asText());
        Action action = Action.valueOf(result.path("action").asText());
        if (verdict == Status.ERROR || action == Action.REMEDIATION_FAILED) {
            assertFalse(result.path("error").path("code").asText().isBlank(), "an error without a code: " + context);
        }
        if (result.path("notified").asBoolean()) {
            assertFalse(result.path("messageId").asText().isBlank(), context);
            assertFalse(emulator.messages().isEmpty(), "notified but nothing published: " + context);
        }
        String id = result.path("resourceId").asText();
        String keyBefore = kmsKeyId(before, id);
        String keyNow = kmsKeyId(emulator.dump(), id);
        if (action == Action.REMEDIATED) {
            assertEquals(KEY_HSM, result.path("kmsKeyIdAfter").asText(), context);
            assertEquals(KEY_HSM, keyNow, "REMEDIATED, but the resource is not on the key: " + context);
        } else if (!keyNow.equals(keyBefore)) { // a change that landed (or landed late) must be disclosed
            String message = result.path("error").path("message").asText();
            assertTrue(message.contains("may still take effect") || message.contains("is unknown"),
                    "the key changed to " + keyNow + " but the result does not say so: " + context);
        }
    }

    /** A resource's kmsKeyId in a dump, "" when it has none (or is not in the dump). */
    private static String kmsKeyId(JsonNode dump, String id) {
        for (JsonNode collection : dump) {
            for (JsonNode resource : collection) {
                if (resource.path("id").asText().equals(id)) {
                    return resource.path("kmsKeyId").asText("");
                }
            }
        }
        return "";
    }

    private static OciEmulator emulator() {
        return OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(keys.publicKey()));
    }

    private static CmkGuard guard(OciEmulator emulator, String mode) {
        Map<String, String> env = new HashMap<>(Map.of(
                GuardConfig.OCI_ENDPOINT, emulator.baseUrl(),
                GuardConfig.AUTH, "config_file",
                Auth.CONFIG_FILE, configFile.toString(),
                GuardConfig.REGION, "us-ashburn-1",
                GuardConfig.RETRY_ATTEMPTS, "2",
                GuardConfig.TIMEOUT_SECONDS, "1",
                GuardConfig.TOPIC_ID, TOPIC,
                GuardConfig.MODE, mode,
                GuardConfig.KMS_KEY_ID, KEY_HSM));
        return CmkGuard.start(env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Clock.systemUTC());
    }

    private static JsonNode send(CmkGuard guard, String sample) {
        return EmulatedTenancy.answer(guard, TestFiles.read(TestFiles.sample(sample)));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }
}
