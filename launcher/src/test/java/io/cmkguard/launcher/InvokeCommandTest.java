package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    private static final String TENANCY = "ocid1.tenancy.oc1..inv";
    private static final String VOLUME = "ocid1.volume.oc1.iad.invvol";
    private static final String INV_KEY = "ocid1.key.oc1.iad.invvault.invkey";

    /** A tenancy with a topic and a child compartment holding one volume; its key rotates every 90 days. */
    private static Path world(Path dir, String volumeKmsKey, String faults) throws Exception {
        Path world = dir.resolve("world.json");
        Files.writeString(world, """
                {"topics": [{"topicId": "ocid1.onstopic.oc1.iad.inv", "name": "inv", "compartmentId": "%s",
                             "lifecycleState": "ACTIVE"}],
                 "compartments": [{"id": "ocid1.compartment.oc1..invchild", "compartmentId": "%s",
                                   "name": "child", "lifecycleState": "ACTIVE"}],
                 "vaults": [{"id": "ocid1.vault.oc1.iad.invvault.vault", "compartmentId": "%s",
                             "lifecycleState": "ACTIVE"}],
                 "keys": [{"id": "%s", "compartmentId": "%s", "lifecycleState": "ENABLED",
                           "vaultId": "ocid1.vault.oc1.iad.invvault.vault", "protectionMode": "HSM",
                           "isAutoRotationEnabled": true, "autoKeyRotationDetails": {"rotationIntervalInDays": 90}}],
                 "volumes": [{"id": "%s", "compartmentId": "ocid1.compartment.oc1..invchild",
                              "displayName": "inv-vol", "lifecycleState": "AVAILABLE", "kmsKeyId": %s}],
                 "faults": [%s]}
                """.formatted(TENANCY, TENANCY, TENANCY, INV_KEY, TENANCY, VOLUME, volumeKmsKey, faults));
        return world;
    }

    private static Path body(Path dir, String name, String json) throws Exception {
        Path body = dir.resolve(name);
        Files.writeString(body, json);
        return body;
    }

    /**
     * A {"sweep": …} body answers its report, printed whole on one line (never as a failure line), with the
     * exit status {@code bin/cmk-guard sweep} gives the same world: the same rule.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "on the key: 0                  | '\"ocid1.key.oc1.iad.invvault.invkey\"' | ''  | 0",
            "on the Oracle-managed key: 1   | null | '' | 1",
            "a volume that cannot be read: 2 | '\"ocid1.key.oc1.iad.invvault.invkey\"' "
                    + "| '{\"method\": \"GET\", \"pathRegex\": \"/20160918/volumes/.+\", \"status\": 500}' | 2"})
    void aSweepBodyAnswersItsReportOnOneLineAndExitsAsSweepDoes(String name, String volumeKmsKey, String faults,
                                                                int expected, @TempDir Path tmp) throws Exception {
        Path world = world(tmp, volumeKmsKey, faults);
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\", \"mode\": \"audit\"}}");

        Cli invoke = Cli.run("invoke", "--world", world.toString(), "--log", tmp.resolve("log").toString(),
                body.toString());
        Cli sweep = Cli.run("sweep", "--world", world.toString(), "--compartment", TENANCY, "--output", "json");

        assertEquals(expected, invoke.status, invoke.toString());
        assertEquals(sweep.status, invoke.status, "the same rule as sweep: " + sweep);
        List<JsonNode> answers = lines(invoke.out);
        assertEquals(1, answers.size(), invoke.out);
        JsonNode report = answers.get(0);
        assertFalse(report.has("fdkStatus"), "a result line, not a failure line: " + report);
        assertTrue(report.path("sweepId").asText().startsWith("sweep-"), report.toString());
        assertTrue(report.path("complete").asBoolean(), report.toString());
        JsonNode laptop = lines(sweep.out).get(0);
        for (String field : List.of("compartmentId", "mode", "scanned", "counts", "byType", "error")) {
            assertEquals(laptop.path(field), report.path(field), field);
        }
        assertEquals(judged(laptop), judged(report));
        assertFalse(invoke.err.contains("not complete"), invoke.err);
    }

    /** Each finding's resource, verdict, action and error code (its messages carry each call's request id). */
    private static List<String> judged(JsonNode report) {
        List<String> judged = new ArrayList<>();
        report.path("findings").forEach(f -> judged.add(f.path("resourceId").asText() + " "
                + f.path("verdict").asText() + " " + f.path("action").asText() + " " + f.path("error").path("code")));
        return judged;
    }

    @Test
    void aRefusedSweepBodyIsAReportThatSaysWhyAndExitsTwo(@TempDir Path tmp) throws Exception {
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\", \"mode\": \"fix-it\"}}");
        Cli cli = Cli.run("invoke", "--world", world(tmp, "null", "").toString(), "--log", tmp.resolve("log").toString(),
                body.toString());

        assertEquals(SweepStatus.ERRORS, cli.status, cli.toString());
        JsonNode report = lines(cli.out).get(0);
        assertEquals("InvalidMode", report.path("error").path("code").asText(), report.toString());
        assertEquals(0, report.path("scanned").asInt());
    }

    /** Events and sweeps in one run: a line each, in order; the worst status wins (here the sweep's finding). */
    @Test
    void eventsAndSweepsTogetherTheWorstStatusWins(@TempDir Path tmp) throws Exception {
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..cmkguarddemo\","
                + " \"mode\": \"audit\", \"resourceTypes\": [\"block-volume\"]}}");
        Cli cli = Cli.run("invoke", "--log", tmp.resolve("log").toString(), Cli.sample(COMPLIANT), body.toString(),
                Cli.sample(ORACLE_MANAGED));

        assertEquals(SweepStatus.FINDINGS, cli.status, cli.toString());
        List<JsonNode> answers = lines(cli.out);
        assertEquals(3, answers.size(), cli.out);
        assertEquals("COMPLIANT", answers.get(0).path("verdict").asText());
        assertTrue(answers.get(1).path("byType").path("block-volume").path("nonCompliant").asInt() > 0,
                answers.get(1).toString());
        assertEquals("NON_COMPLIANT", answers.get(2).path("verdict").asText());
    }

    /**
     * A sweep cut by its deadline (the first volume listing answers after it) whose caller follows continuations
     * itself ("selfContinue": false) answers a continuation: stderr says so, with the body to send; sent to another
     * invoke with the same continuation key, it completes the same sweep.
     */
    @Test
    void aSweepCutByItsDeadlineSaysHowToGoOnAndThatBodyFinishesIt(@TempDir Path tmp) throws Exception {
        String slowList = "{\"method\": \"GET\", \"pathRegex\": \"/20160918/volumes\", \"status\": 0,"
                + " \"delayMillis\": 1500, \"times\": 1}";
        Path world = world(tmp, "\"" + INV_KEY + "\"", slowList);
        String continuationKey = "CMK_GUARD_CONTINUATION_KEY=" + "0123456789abcdef".repeat(2);
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\", \"mode\": \"audit\","
                + " \"resourceTypes\": [\"block-volume\", \"vault-key\"], \"selfContinue\": false}}");

        Cli cut = Cli.run("invoke", "--world", world.toString(), "--config", "CMK_GUARD_SWEEP_DEADLINE_SECONDS=1",
                "--config", continuationKey, "--log", tmp.resolve("log1").toString(),
                body.toString());
        JsonNode first = lines(cut.out).get(0);
        assertFalse(first.path("complete").asBoolean(), cut.toString());
        assertFalse(first.path("continuation").asText().isBlank(), cut.toString());
        assertEquals(SweepStatus.of(first), cut.status, "an incomplete sweep counts what it judged");
        assertTrue(cut.err.contains("sweep " + first.path("sweepId").asText() + " is not complete"), cut.err);
        String next = cut.err.lines().filter(l -> l.startsWith("{\"sweep\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no body to send on stderr: " + cut.err));
        assertEquals(first.path("continuation").asText(), JSON.readTree(next).path("sweep").path("continuation").asText());

        Cli rest = Cli.run("invoke", "--world", world.toString(), "--config", continuationKey,
                "--log", tmp.resolve("log2").toString(), body(tmp, "next.json", next).toString());
        JsonNode second = lines(rest.out).get(0);
        assertTrue(second.path("error").isNull(), rest.toString());
        assertTrue(second.path("complete").asBoolean(), rest.toString());
        assertEquals(first.path("sweepId"), second.path("sweepId"), "the same sweep, continued");
        assertEquals(2, first.path("scanned").asInt() + second.path("scanned").asInt(), "the volume and the key, once");
        assertEquals(SweepStatus.ALL_COMPLIANT, rest.status, rest.toString());
        assertFalse(rest.err.contains("not complete"), rest.err);
    }

    private static final String REPORT_BUCKET = "inv-reports";
    /** The first volume listing answers after a 1 s sweep deadline: the first invocation is always cut. */
    private static final String SLOW_VOLUME_LIST = "{\"method\": \"GET\", \"pathRegex\": \"/20160918/volumes\","
            + " \"status\": 0, \"delayMillis\": 1500, \"times\": 1}";

    /** The test world with a report bucket on the customer-managed key, in the tenancy. */
    private static Path withReportBucket(Path world) throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(world.toFile());
        json.put("namespace", "invns");
        json.putArray("buckets").addObject().put("namespace", "invns").put("name", REPORT_BUCKET)
                .put("compartmentId", TENANCY).put("id", "ocid1.bucket.oc1.iad.invreports").put("kmsKeyId", INV_KEY)
                .put("versioning", "Enabled");
        Files.writeString(world, json.toString());
        return world;
    }

    /**
     * What a schedule sends, nothing but the scope, to a function with a report bucket: cut by its deadline, the
     * function invokes itself detached through the emulator, which runs that invocation through the same FDK
     * runtime; invoke waits for it and prints its answer too. One digest, the report in the bucket in its three
     * forms, the metrics posted, and the invocation itself: all in the state dump.
     */
    @Test
    void aScheduledSweepGoesOnByItselfThroughTheEmulatorToOneDigestAndItsReport(@TempDir Path tmp) throws Exception {
        Path world = withReportBucket(world(tmp, "\"" + INV_KEY + "\"", SLOW_VOLUME_LIST));
        Path state = tmp.resolve("state.json");
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\"}}");

        Cli cli = Cli.run("invoke", "--world", world.toString(), "--config", "CMK_GUARD_SWEEP_DEADLINE_SECONDS=1",
                "--config", "CMK_GUARD_REPORT_BUCKET=" + REPORT_BUCKET, "--config",
                "CMK_GUARD_METRICS_COMPARTMENT=" + TENANCY, "--state-out", state.toString(),
                "--log", tmp.resolve("log").toString(), body.toString());

        List<JsonNode> answers = lines(cli.out);
        assertEquals(2, answers.size(), "the call's answer and its detached invocation's: " + cli);
        JsonNode first = answers.get(0);
        JsonNode last = answers.get(1);
        assertEquals("function", first.path("chain").path("next").asText(), first.toString());
        assertEquals(0, first.path("chain").path("invocation").asInt());
        assertTrue(first.path("continuation").isNull(), "the token went to the next invocation: " + first);
        assertEquals("done", last.path("chain").path("next").asText(), last.toString());
        assertEquals(1, last.path("chain").path("invocation").asInt());
        assertTrue(last.path("complete").asBoolean(), last.toString());
        String sweepId = first.path("sweepId").asText();
        assertEquals(sweepId, last.path("sweepId").asText(), "one sweep");
        assertTrue(cli.err.contains("sweep " + sweepId + ", invocation 0 (this call): the sweep goes on by itself"),
                cli.err);
        assertTrue(cli.err.contains("sweep " + sweepId + ", invocation 1 (the detached invocation "), cli.err);
        assertEquals(SweepStatus.ALL_COMPLIANT, cli.status, "the volume, the key and the bucket are on the key: " + cli);

        JsonNode dump = JSON.readTree(state.toFile());
        JsonNode invocations = dump.path("invocations");
        assertEquals(1, invocations.size(), invocations.toString());
        JsonNode link = invocations.get(0);
        assertEquals("detached", link.path("invokeType").asText());
        assertEquals("SUCCEEDED", link.path("status").asText(), link.toString());
        assertEquals(LocalFunction.ADDED_ID, link.path("functionId").asText(), "the function the world was given");
        assertEquals(last, JSON.readTree(link.path("answer").asText()), "the line printed is the link's answer");
        assertEquals(1, dump.path("messages").size(), "one digest for the sweep: " + dump.path("messages"));
        assertTrue(dump.path("messages").get(0).path("body").asText().contains("sweeps/" + sweepId + "/"),
                "the digest says where the report is");
        List<String> objects = new ArrayList<>();
        dump.path("objects").forEach(o -> objects.add(o.path("bucket").asText() + "/" + o.path("name").asText()));
        String prefix = REPORT_BUCKET + "/sweeps/" + sweepId + "/";
        for (String form : List.of("report.json", "resources.csv", "report.html")) {
            assertTrue(objects.contains(prefix + form), form + " in " + objects);
        }
        JsonNode whole = JSON.readTree(object(dump, "sweeps/" + sweepId + "/report.json"));
        assertEquals(2, whole.path("invocations").asInt(), whole.toString());
        assertEquals(3, whole.path("scanned").asInt(), "the volume, the key and the report bucket, once each");
        assertTrue(dump.path("metrics").size() > 0, "the completed sweep's posture was posted");
        assertTrue(dump.path("functions").toString().contains(LocalFunction.ADDED_ID), dump.path("functions").toString());
    }

    /** A chain that does not end within --chain-wait: said on stderr, and the sweep counts as not done (2). */
    @Test
    void aChainThatOutlastsTheWaitIsSaidAndExitsTwo(@TempDir Path tmp) throws Exception {
        // the invocation that ends the sweep lists the bucket's parts: that listing answers after 8 s
        String slowParts = SLOW_VOLUME_LIST + ", {\"method\": \"GET\", \"pathRegex\": \"/n/[^/]+/b/[^/]+/o\","
                + " \"status\": 0, \"delayMillis\": 8000, \"times\": 1}";
        Path world = withReportBucket(world(tmp, "\"" + INV_KEY + "\"", slowParts));
        Path body = body(tmp, "sweep.json", "{\"sweep\": {\"compartmentId\": \"" + TENANCY + "\"}}");

        Cli cli = Cli.run("invoke", "--world", world.toString(), "--config", "CMK_GUARD_SWEEP_DEADLINE_SECONDS=1",
                "--config", "CMK_GUARD_REPORT_BUCKET=" + REPORT_BUCKET, "--chain-wait", "1",
                "--log", tmp.resolve("log").toString(), body.toString());

        assertEquals(SweepStatus.ERRORS, cli.status, cli.toString());
        assertEquals(1, lines(cli.out).size(), "only the call's own answer: " + cli.out);
        assertTrue(cli.err.contains("the sweep's chain had not ended after 1 s: 1 detached invocation(s) still"
                + " running"), cli.err);
        assertTrue(cli.err.contains("--chain-wait SECONDS"), cli.err);
    }

    private static String object(JsonNode dump, String name) {
        for (JsonNode o : dump.path("objects")) {
            if (o.path("name").asText().equals(name)) {
                return o.path("content").asText();
            }
        }
        throw new AssertionError("no object " + name);
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
