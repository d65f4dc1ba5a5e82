package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event that fans out (a VM cluster's five databases) with one read that hangs far longer than the
 * invocation may run: it answers before the invocation's deadline with the other four judged and the
 * hanging one marked, and each decision was logged when it was made.
 */
class DeadlineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER_EVENT = "databaseservice.createcloudvmcluster.end--two-databases.json";
    private static final String HANGING = "ocid1.database.oc1.iad.dbexahang";

    @Test
    void aClusterWithOneHangingReadAnswersWithinItsDeadlineWithTheOthersJudgedAndTheHangingOneMarked()
            throws Exception {
        World world = OciEmulator.demoWorld().with("databases", database("dbexamore1"), database("dbexamore2"),
                database("dbexahang"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EmulatedCloud cloud = new EmulatedCloud(world);
             CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "audit")),
                     new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            // the one database read hangs: each attempt outlasts the SDK's timeout, then it is retried
            cloud.emulator.faults().add(Fault.on("GET", "/20160918/databases/" + HANGING)
                    .delay(Duration.ofSeconds(60)));
            Instant invocationDeadline = Instant.now().plusSeconds(6);

            JsonNode r = JSON.readTree(guard.handle(TestFiles.read(TestFiles.sample(CLUSTER_EVENT)),
                    Optional.of(invocationDeadline)));
            Instant answered = Instant.now();
            System.out.println("[deadline] 5 databases, one read hanging 60 s, invocation deadline in 6 s: answered"
                    + " after " + Duration.between(invocationDeadline.minusSeconds(6), answered).toMillis() + " ms");

            assertTrue(answered.isBefore(invocationDeadline), "answered at " + answered + ", the invocation's"
                    + " deadline was " + invocationDeadline);
            assertEquals(5, r.path("items").size(), r.toPrettyString());
            List<JsonNode> judged = new ArrayList<>();
            JsonNode marked = null;
            for (JsonNode item : r.path("items")) {
                if (item.path("resourceId").asText().equals(HANGING)) {
                    marked = item;
                } else {
                    judged.add(item);
                }
            }
            assertEquals(4, judged.size());
            judged.forEach(j -> assertTrue(List.of("COMPLIANT", "NON_COMPLIANT").contains(j.path("verdict").asText()),
                    j.toPrettyString()));
            assertEquals("ERROR", marked.path("verdict").asText(), marked.toPrettyString());
            assertEquals("DeadlineExceeded", marked.path("error").path("code").asText());
            assertTrue(marked.path("reasons").get(0).asText().startsWith("still being checked"),
                    marked.toPrettyString());
            assertEquals("ERROR", r.path("verdict").asText(), "the top level repeats the most severe item");

            List<JsonNode> lines = decisions(log);
            Instant markedAt = lines.stream().filter(l -> l.path("resourceId").asText().equals(HANGING))
                    .map(l -> Instant.parse(l.path("time").asText())).findFirst().orElseThrow();
            for (JsonNode j : judged) {
                JsonNode line = lines.stream().filter(l -> l.path("resourceId").equals(j.path("resourceId")))
                        .findFirst().orElseThrow(() -> new AssertionError("no decision logged for " + j));
                assertTrue(Instant.parse(line.path("time").asText()).isBefore(markedAt),
                        "logged when judged, not at the end: " + line);
            }
            assertTrue(cloud.emulator.requests().stream().noneMatch(q -> !q.method().equals("GET")),
                    "audit mode: reads only");
        }
    }

    @Test
    void whenEveryReadHangsNoCheckStartsPastTheConcurrencyLimitAndTheRestAreMarkedNotChecked() throws Exception {
        World world = OciEmulator.demoWorld().with("databases", database("dbexamore1"), database("dbexamore2"),
                database("dbexamore3"));
        try (EmulatedCloud cloud = new EmulatedCloud(world);
             CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "audit")),
                     new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            cloud.emulator.faults().add(Fault.on("GET", "/20160918/databases/.+").delay(Duration.ofSeconds(60)));
            JsonNode r = JSON.readTree(guard.handle(TestFiles.read(TestFiles.sample(CLUSTER_EVENT)),
                    Optional.of(Instant.now().plusSeconds(4))));
            List<String> marks = new ArrayList<>();
            r.path("items").forEach(item -> {
                assertEquals("DeadlineExceeded", item.path("error").path("code").asText(), item.toPrettyString());
                marks.add(item.path("reasons").get(0).asText().startsWith("still being checked") ? "running"
                        : item.path("reasons").get(0).asText().startsWith("not checked") ? "not started" : "?");
            });
            assertEquals(List.of("running", "running", "running", "running", "not started"), marks,
                    "4 checks at once; the fifth never starts: " + r.toPrettyString());
        }
    }

    @Test
    void withTimeLeftEveryDatabaseIsJudgedAndNothingIsMarked() throws Exception {
        World world = OciEmulator.demoWorld().with("databases", database("dbexamore1"), database("dbexamore2"),
                database("dbexamore3"));
        try (EmulatedCloud cloud = new EmulatedCloud(world);
             CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "audit")),
                     new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            JsonNode r = JSON.readTree(guard.handle(TestFiles.read(TestFiles.sample(CLUSTER_EVENT)),
                    Optional.of(Instant.now().plusSeconds(120))));
            assertEquals(5, r.path("items").size(), r.toPrettyString());
            for (JsonNode item : r.path("items")) {
                assertTrue(item.path("error").isNull() || !item.path("error").path("code").asText()
                        .equals("DeadlineExceeded"), item.toPrettyString());
            }
        }
    }

    @Test
    void aSpentBudgetStartsNothingAndCallsNothing() throws Exception {
        try (EmulatedCloud cloud = new EmulatedCloud(OciEmulator.demoWorld());
             CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "audit")),
                     new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            JsonNode r = JSON.readTree(guard.handle(TestFiles.read(TestFiles.sample(CLUSTER_EVENT)),
                    Optional.of(Instant.now().minusSeconds(1))));
            assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
            assertEquals("DeadlineExceeded", r.path("error").path("code").asText(), r.toPrettyString());
            assertTrue(cloud.emulator.requests().isEmpty(), "nothing was called: " + cloud.emulator.requests());
        }
    }

    /** A database in the demo world's VM cluster (DB home dbhomeexa), on the Oracle wallet. */
    private static ObjectNode database(String name) {
        ObjectNode db = JSON.createObjectNode();
        db.put("id", "ocid1.database.oc1.iad." + name);
        db.put("compartmentId", "ocid1.compartment.oc1..prod");
        db.put("dbName", name.toUpperCase());
        db.put("dbHomeId", "ocid1.dbhome.oc1.iad.dbhomeexa");
        db.put("vmClusterId", "ocid1.cloudvmcluster.oc1.iad.vmcprod");
        db.put("lifecycleState", "AVAILABLE");
        db.put("timeCreated", "2026-11-22T12:20:00.000Z");
        db.putObject("freeformTags");
        db.putObject("definedTags");
        return db;
    }

    private static List<JsonNode> decisions(ByteArrayOutputStream log) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"cmk-guard.decision\"")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
