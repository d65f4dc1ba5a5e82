package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmk-guard invoke}: the real FDK runtime, one warm function, the emulator seeded from a world file. */
class InvokeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORACLE_MANAGED = "blockvolumes.createvolume.end--oracle-managed.json";
    private static final String COMPLIANT = "blockvolumes.createvolume.end--compliant.json";
    private static final String KEY_HSM = "ocid1.key.oc1.iad.emuvault1.keyhsm";

    @Test
    void twoEventsGiveTwoResultLinesAndTheFinalState(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state.json");
        Path log = tmp.resolve("function.log");
        Cli cli = Cli.run("invoke", "--world", Cli.demoWorld(), "--state-out", state.toString(),
                "--log", log.toString(), Cli.sample(ORACLE_MANAGED), Cli.sample(COMPLIANT));

        assertEquals(0, cli.status, cli.toString());
        List<JsonNode> results = lines(cli.out);
        assertEquals(2, results.size(), cli.out);
        assertEquals("NON_COMPLIANT", results.get(0).path("verdict").asText());
        assertEquals("NOTIFIED", results.get(0).path("action").asText(), "default mode notify, default topic");
        assertEquals("ocid1.volume.oc1.iad.voloracle", results.get(0).path("resourceId").asText());
        assertEquals("COMPLIANT", results.get(1).path("verdict").asText());
        assertEquals("NONE", results.get(1).path("action").asText());

        JsonNode dump = JSON.readTree(state.toFile());
        assertEquals(1, dump.path("messages").size(), "one finding published");
        assertTrue(dump.path("requests").size() > 0);
        assertTrue(dump.path("volumes").isArray());
        String logText = Files.readString(log);
        assertTrue(logText.contains("cmk-guard.decision"), "the decision log goes to --log");
        assertFalse(cli.out.contains("cmk-guard.decision"), "stdout holds only the results");
    }

    @Test
    void configOverridesTurnOnRemediation(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state.json");
        Cli cli = Cli.run("invoke", "--world", Cli.demoWorld(), "--config", "CMK_GUARD_MODE=remediate",
                "--config", "CMK_GUARD_KMS_KEY_ID=" + KEY_HSM, "--state-out", state.toString(),
                "--log", tmp.resolve("log").toString(), Cli.sample(ORACLE_MANAGED));

        assertEquals(0, cli.status, cli.toString());
        JsonNode result = lines(cli.out).get(0);
        assertEquals("REMEDIATED", result.path("action").asText());
        assertEquals(KEY_HSM, result.path("kmsKeyIdAfter").asText());
        JsonNode volume = volume(JSON.readTree(state.toFile()), "ocid1.volume.oc1.iad.voloracle");
        assertEquals(KEY_HSM, volume.path("kmsKeyId").asText());
    }

    @Test
    void anInvalidFunctionConfigStillAnswersEveryEvent(@TempDir Path tmp) {
        Cli cli = Cli.run("invoke", "--world", Cli.demoWorld(), "--config", "CMK_GUARD_MODE=fix",
                "--log", tmp.resolve("log").toString(), Cli.sample(ORACLE_MANAGED), Cli.sample(COMPLIANT));

        assertEquals(0, cli.status, "the events were processed: " + cli);
        for (JsonNode result : lines(cli.out)) {
            assertEquals("ERROR", result.path("verdict").asText());
            assertTrue(result.path("reasons").get(0).asText().contains("CMK_GUARD_MODE='fix'"));
        }
    }

    /** No --world: the demo world, and its tenancy said on stderr; '-' reads the event from standard input. */
    @Test
    void withoutAWorldTheDemoWorldAndAnEventFromStandardInput(@TempDir Path tmp) throws Exception {
        String event = Files.readString(Path.of(Cli.sample(ORACLE_MANAGED)));
        Cli cli = Cli.withInput(event, "invoke", "--log", tmp.resolve("log").toString(), Cli.sample(COMPLIANT), "-");

        assertEquals(0, cli.status, cli.toString());
        List<JsonNode> results = lines(cli.out);
        assertEquals(List.of("COMPLIANT", "NON_COMPLIANT"), results.stream().map(r -> r.path("verdict").asText()).toList());
        assertEquals("ocid1.volume.oc1.iad.voloracle", results.get(1).path("resourceId").asText());
        assertTrue(cli.err.contains("the built-in demo world (tenancy ocid1.tenancy.oc1..cmkguarddemo)"), cli.err);
    }

    @Test
    void worldDemoNamesTheBuiltInWorld(@TempDir Path tmp) {
        Cli cli = Cli.run("invoke", "--world", "demo", "--log", tmp.resolve("log").toString(), Cli.sample(COMPLIANT));
        assertEquals(0, cli.status, cli.toString());
        assertEquals("COMPLIANT", lines(cli.out).get(0).path("verdict").asText());
    }

    private static List<JsonNode> lines(String out) {
        List<JsonNode> results = new ArrayList<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            try {
                results.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return results;
    }

    private static JsonNode volume(JsonNode dump, String id) {
        for (JsonNode volume : dump.path("volumes")) {
            if (volume.path("id").asText().equals(id)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + id);
    }
}
