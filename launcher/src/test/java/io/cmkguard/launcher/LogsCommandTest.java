package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.loggingsearch.LogSearchClient;
import com.oracle.bmc.loggingsearch.model.SearchLogsDetails;
import com.oracle.bmc.loggingsearch.requests.SearchLogsRequest;
import com.oracle.bmc.loggingsearch.responses.SearchLogsResponse;
import com.oracle.bmc.model.BmcException;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;
import io.cmkguard.oci.http.UrlConnectionHttpProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cmk-guard logs} against the emulator's Logging Search API (POST /20190909/search, signed by the real
 * SDK client): the decision lines the function logged while invoke ran, and lines given in a world.
 */
class LogsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANCY = "ocid1.tenancy.oc1..cmkguarddemo";

    @TempDir
    Path tmp;

    /** invoke runs the function, its log lands in the emulator's OCI Logging; logs reads back its decisions. */
    @Test
    void readsBackTheDecisionLinesTheFunctionLogged() throws Exception {
        Path state = tmp.resolve("after.json");
        Path log = tmp.resolve("function.log");
        Cli invoke = Cli.run("invoke", "--state-out", state.toString(), "--log", log.toString(),
                Cli.sample("blockvolumes.createvolume.end--oracle-managed.json"),
                Cli.sample("blockvolumes.createvolume.end--compliant.json"),
                Cli.sample("blockvolumes.createvolume.end--disabled-key.json"));
        assertEquals(0, invoke.status, invoke.toString());
        List<String> logged = Files.readAllLines(log).stream().filter(l -> l.contains("\"log\":\"cmk-guard.decision\"")).toList();
        assertEquals(3, logged.size(), "one decision line per event in the function's own log");

        Cli all = Cli.run("logs", "--world", state.toString(), "--output", "json");
        assertEquals(0, all.status, all.toString());
        assertEquals(logged, all.out.lines().toList(), "the lines as the function wrote them, oldest first");

        Cli findings = Cli.run("logs", "--world", state.toString(), "--verdict", "non_compliant", "--since", "30m");
        assertEquals(0, findings.status, findings.toString());
        List<String> rows = findings.out.lines().toList();
        assertTrue(rows.get(0).matches("TIME\\s+VERDICT\\s+ACTION\\s+TYPE\\s+RESOURCE\\s+REASON"), findings.out);
        assertEquals(2 + 2 + 1, rows.size(), "header, rule, two findings, the count:\n" + findings.out);
        assertTrue(rows.get(2).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+NON_COMPLIANT\\s+NOTIFIED\\s+block-volume\\s+vol-oracle-managed\\s+Oracle-managed key"),
                rows.get(2));
        assertTrue(rows.get(3).contains("vol-disabled-key"), rows.get(3));
        assertTrue(rows.get(4).startsWith("2 decision lines with verdict NON_COMPLIANT since "), rows.get(4));
    }

    /** Lines from a world: the time window, the scope (compartment, log group, log) and other lines left out. */
    @Test
    void searchesTheWindowAndScopeItIsGiven() throws Exception {
        Instant now = Instant.now();
        ArrayNode entries = JSON.createArrayNode();
        entries.add(entry(now.minus(Duration.ofMinutes(10)), "ocid1.log.oc1.iad.a", decision("vol-recent", "NON_COMPLIANT")));
        entries.add(entry(now.minus(Duration.ofHours(3)), "ocid1.log.oc1.iad.a", decision("vol-old", "COMPLIANT")));
        entries.add(entry(now.minus(Duration.ofMinutes(5)), "ocid1.log.oc1.iad.b", decision("vol-other-log", "COMPLIANT")));
        entries.add(entry(now.minus(Duration.ofMinutes(4)), "ocid1.log.oc1.iad.a",
                "{\"log\":\"cmk-guard.config\",\"message\":\"not a decision\"}"));
        entries.add(entry(now.minus(Duration.ofMinutes(3)), "ocid1.log.oc1.iad.a", "FDK: cmk-guard.decision mentioned in prose"));
        Path world = world(entries);

        assertEquals(List.of("vol-recent", "vol-other-log"), names(Cli.run("logs", "--world", world.toString(),
                "--output", "json")));
        assertEquals(List.of("vol-old", "vol-recent", "vol-other-log"), names(Cli.run("logs", "--world", world.toString(),
                "--since", "4h", "--output", "json")));
        assertEquals(List.of("vol-old", "vol-recent"), names(Cli.run("logs", "--world", world.toString(), "--since", "1d",
                "--log-group-id", "ocid1.loggroup.oc1.iad.g", "--log-id", "ocid1.log.oc1.iad.a", "--output", "json")));
        assertEquals(List.of(), names(Cli.run("logs", "--world", world.toString(), "--compartment",
                "ocid1.compartment.oc1..elsewhere", "--output", "json")));
    }

    /** More lines than a page: the command follows opc-next-page, and stops at --limit. */
    @Test
    void followsPagesUpToTheLimit() throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        ArrayNode entries = JSON.createArrayNode();
        for (int i = 0; i < 1200; i++) {
            entries.add(entry(start.plusMillis(i), "ocid1.log.oc1.iad.a", decision("vol-" + i, "COMPLIANT")));
        }
        Path world = world(entries);
        List<String> all = names(Cli.run("logs", "--world", world.toString(), "--output", "json", "--limit", "5000"));
        assertEquals(1200, all.size());
        assertEquals("vol-0", all.get(0));
        assertEquals("vol-1199", all.get(1199));
        Cli limited = Cli.run("logs", "--world", world.toString(), "--limit", "700");
        assertTrue(limited.out.contains("700 decision lines since "), limited.out);
        assertTrue(limited.out.contains("(the first 700: --limit for more)"), limited.out);
    }

    /** The emulator answers a query it does not understand with 400, as OCI does with a bad query. */
    @Test
    void aQueryTheEmulatorDoesNotKnowIsRefused() {
        SigningKeys keys = SigningKeys.generate();
        try (OciEmulator emulator = OciEmulator.start(World.empty(), EmulatorOptions.trusting(keys.publicKey()))) {
            Path config = keys.writeOciConfig(tmp);
            LogSearchClient client = LogSearchClient.builder().httpProvider(new UrlConnectionHttpProvider())
                    .endpoint(emulator.baseUrl()).build(provider(config));
            BmcException refused = assertThrows(BmcException.class, () -> client.searchLogs(request(
                    "search \"" + TENANCY + "\" | stats count() by data.verdict")));
            assertEquals(400, refused.getStatusCode());
            SearchLogsResponse empty = client.searchLogs(request("search \"" + TENANCY + "\" | data.message = '*x*'"));
            assertEquals(0, empty.getSearchResponse().getSummary().getResultCount());
            client.close();
        }
    }

    private static SearchLogsRequest request(String query) {
        return SearchLogsRequest.builder().searchLogsDetails(SearchLogsDetails.builder()
                .timeStart(Date.from(Instant.now().minusSeconds(60))).timeEnd(Date.from(Instant.now()))
                .searchQuery(query).build()).build();
    }

    private static ConfigFileAuthenticationDetailsProvider provider(Path config) {
        try {
            return new ConfigFileAuthenticationDetailsProvider(config.toString(), "DEFAULT");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path world(ArrayNode entries) throws Exception {
        ObjectNode world = JSON.createObjectNode();
        ObjectNode compartment = world.putArray("compartments").addObject();
        compartment.put("id", "ocid1.compartment.oc1..prod");
        compartment.put("compartmentId", TENANCY);
        compartment.put("name", "prod");
        compartment.put("lifecycleState", "ACTIVE");
        world.set("logEntries", entries);
        Path file = tmp.resolve("world.json");
        JSON.writeValue(file.toFile(), world);
        return file;
    }

    private static String decision(String name, String verdict) {
        ObjectNode line = JSON.createObjectNode();
        line.put("log", "cmk-guard.decision");
        line.put("time", Instant.now().toString());
        line.put("resourceId", "ocid1.volume.oc1.iad." + name.replace("-", ""));
        line.put("resourceType", "block-volume");
        line.put("verdict", verdict);
        line.put("action", "NONE");
        line.putArray("reasons").add("a reason");
        line.put("displayName", name);
        return line.toString();
    }

    /** An entry as a Logging search returns it for a function's invoke log. */
    private static ObjectNode entry(Instant at, String logId, String message) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("datetime", at.toEpochMilli());
        ObjectNode content = entry.putObject("logContent");
        content.putObject("data").put("message", message);
        ObjectNode oracle = content.putObject("oracle");
        oracle.put("compartmentid", TENANCY);
        oracle.put("loggroupid", "ocid1.loggroup.oc1.iad.g");
        oracle.put("logid", logId);
        content.put("time", at.toString());
        content.put("type", "com.oraclecloud.functions.application.functioninvoke");
        return entry;
    }

    private static List<String> names(Cli cli) {
        assertEquals(0, cli.status, cli.toString());
        return cli.out.lines().map(l -> {
            try {
                JsonNode line = JSON.readTree(l);
                return line.path("displayName").asText();
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }
}
