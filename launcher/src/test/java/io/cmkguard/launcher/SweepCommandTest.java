package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/cmk-guard sweep against the emulator: the OCI config file and profile, outputs, exit statuses. */
class SweepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ocid1.key.oc1.iad.lapvault.key";

    @TempDir
    Path dir;

    @Test
    void signsWithTheNamedProfileOfAGeneratedConfigFileAndPrintsTheFunctionsReport() throws Exception {
        GeneratedWorld generated = GeneratedWorld.generate(1, 2, 4, 9);
        SigningKeys keys = SigningKeys.generate();
        Path keyFile = dir.resolve("laptop.pem");
        Files.writeString(keyFile, keys.privateKeyPem());
        Path config = dir.resolve("config");
        Files.writeString(config, "[DEFAULT]\nuser=ocid1.user.oc1..nobody\nfingerprint=00:00\n"
                + "tenancy=ocid1.tenancy.oc1..nobody\nregion=eu-frankfurt-1\nkey_file=" + dir.resolve("none.pem") + "\n\n"
                + "[laptop]\nuser=" + SigningKeys.USER + "\nfingerprint=" + keys.fingerprint() + "\ntenancy="
                + SigningKeys.TENANCY + "\nregion=us-ashburn-1\nkey_file=" + keyFile + "\n");
        try (OciEmulator emulator = OciEmulator.start(generated.world(), EmulatorOptions.trusting(keys.publicKey()))) {
            Cli cli = Cli.run("sweep", "--compartment", GeneratedWorld.TENANCY, "--config-file", config.toString(),
                    "--profile", "laptop", "--region", "us-ashburn-1", "--region", "us-phoenix-1", "--output", "json",
                    "--config", "CMK_GUARD_OCI_ENDPOINT=" + emulator.baseUrl());

            assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
            assertEquals(2, cli.out.lines().count(), "one report per region");
            assertTrue(cli.err.contains("sweeping us-phoenix-1:"), cli.err);
            JsonNode report = JSON.readTree(cli.out.lines().findFirst().orElseThrow());
            assertEquals(generated.liveCount(), report.path("scanned").asInt(), cli.out);
            assertEquals("audit", report.path("mode").asText(), "a laptop sweep audits unless told otherwise");
            assertTrue(report.path("complete").asBoolean());
            assertTrue(cli.err.contains("sweeping us-ashburn-1:"), cli.err);
            assertTrue(emulator.requests().stream().allMatch(r -> r.method().equals("GET") && r.status() < 400),
                    "every request signed by the profile's key, and read-only");
        }
    }

    private Path world(String volumeKmsKey, String faults) throws Exception {
        Path world = dir.resolve("world.json");
        Files.writeString(world, """
                {"compartments": [{"id": "ocid1.compartment.oc1..lapchild", "compartmentId": "ocid1.tenancy.oc1..lap",
                                   "name": "child", "lifecycleState": "ACTIVE"}],
                 "vaults": [{"id": "ocid1.vault.oc1.iad.lapvault.vault", "compartmentId": "ocid1.tenancy.oc1..lap",
                             "lifecycleState": "ACTIVE"}],
                 "keys": [{"id": "%s", "compartmentId": "ocid1.tenancy.oc1..lap", "lifecycleState": "ENABLED",
                           "vaultId": "ocid1.vault.oc1.iad.lapvault.vault", "protectionMode": "HSM",
                           "isAutoRotationEnabled": true, "autoKeyRotationDetails": {"rotationIntervalInDays": 90}}],
                 "volumes": [{"id": "ocid1.volume.oc1.iad.lapvol", "compartmentId": "ocid1.compartment.oc1..lapchild",
                              "displayName": "lap-vol", "lifecycleState": "AVAILABLE", "kmsKeyId": %s}],
                 "faults": [%s]}
                """.formatted(KEY, volumeKmsKey, faults));
        return world;
    }

    @Test
    void exitsZeroWhenEverythingIsOnACustomerManagedKey() throws Exception {
        Cli cli = Cli.run("sweep", "--world", world("\"" + KEY + "\"", "").toString(),
                "--compartment", "ocid1.tenancy.oc1..lap");
        assertEquals(SweepCommand.ALL_COMPLIANT, cli.status, cli.toString());
        // the volume and its key, which rotates every 90 days
        assertTrue(cli.out.contains("emulator: 0 of 2 resources not on a customer-managed key"), cli.out);
    }

    @Test
    void exitsOneWhenFindingsRemainAndListsThemAsCsv() throws Exception {
        Cli cli = Cli.run("sweep", "--world", world("null", "").toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "block-volume", "--output", "csv");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        assertEquals("verdict,action,resourceType,displayName,resourceId,compartmentId,region,reason,fix",
                cli.out.lines().findFirst().orElseThrow());
        assertTrue(cli.out.contains("NON_COMPLIANT,LOGGED,block-volume,lap-vol,ocid1.volume.oc1.iad.lapvol,"),
                cli.out);
    }

    @Test
    void anUnrotatedKeyIsAFindingWithTheCommandThatRotatesIt() throws Exception {
        Path world = dir.resolve("keys.json");
        Files.writeString(world, """
                {"vaults": [{"id": "ocid1.vault.oc1.iad.lapvault.vault", "compartmentId": "ocid1.tenancy.oc1..lap",
                             "displayName": "lap-vault", "lifecycleState": "ACTIVE", "vaultType": "DEFAULT"}],
                 "keys": [{"id": "%s", "compartmentId": "ocid1.tenancy.oc1..lap", "lifecycleState": "ENABLED",
                           "displayName": "lap-key", "vaultId": "ocid1.vault.oc1.iad.lapvault.vault",
                           "protectionMode": "HSM", "timeCreated": "2020-01-01T00:00:00.000Z",
                           "currentKeyVersion": "ocid1.keyversion.oc1.iad.lapvault.v1"}],
                 "keyVersions": [{"id": "ocid1.keyversion.oc1.iad.lapvault.v1", "keyId": "%s",
                                  "compartmentId": "ocid1.tenancy.oc1..lap", "lifecycleState": "ENABLED",
                                  "vaultId": "ocid1.vault.oc1.iad.lapvault.vault",
                                  "timeCreated": "2020-01-01T00:00:00.000Z"}]}
                """.formatted(KEY, KEY));
        Cli cli = Cli.run("sweep", "--world", world.toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "vault-key", "--output", "csv");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        String row = cli.out.lines().filter(l -> l.contains(KEY)).findFirst().orElseThrow(() -> new AssertionError(cli));
        assertTrue(row.startsWith("NON_COMPLIANT,LOGGED,vault-key,lap-key," + KEY + ","), row);
        assertTrue(row.contains("its current key version was created"), row);
        assertTrue(row.contains("oci kms management key-version create --key-id " + KEY + " --endpoint http"), row);
    }

    @Test
    void exitsTwoWhenAResourceCannotBeRead() throws Exception {
        String fault = "{\"method\": \"GET\", \"pathRegex\": \"/20160918/volumes/.+\", \"status\": 500}";
        Cli cli = Cli.run("sweep", "--world", world("\"" + KEY + "\"", fault).toString(),
                "--compartment", "ocid1.tenancy.oc1..lap", "--types", "block-volume");
        assertEquals(SweepCommand.ERRORS, cli.status, cli.toString());
        assertTrue(cli.out.contains("ERROR"), cli.out);
    }

    /** Names a spreadsheet would run, or that would drive a terminal, forge rows or reverse text. */
    private static final List<String> HOSTILE_NAMES = List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3",
            "@SUM(A1)", "\tTAB", "\rCR", "red\u001b[31m\u001b[2Jclear", "row\nNON_COMPLIANT,LOGGED,block-volume,forged",
            "\u202Eevil\u202C", "c1\u009b2J", "plain, \"quoted\"");

    private Path hostileWorld() throws Exception {
        ObjectNode world = (ObjectNode) JSON.readTree(Files.readString(world("null", "")));
        ArrayNode volumes = (ArrayNode) world.path("volumes");
        ObjectNode template = (ObjectNode) volumes.remove(0);
        for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
            volumes.add(template.deepCopy().put("id", "ocid1.volume.oc1.iad.lapvol" + i)
                    .put("displayName", HOSTILE_NAMES.get(i)));
        }
        Path file = dir.resolve("hostile-world.json");
        Files.writeString(file, world.toString());
        return file;
    }

    private static void assertNoControlOrBidi(String output) {
        for (char c : output.toCharArray()) {
            assertTrue(c == '\n' || !Character.isISOControl(c) && !(c >= '\u202a' && c <= '\u202e')
                    && !(c >= '\u2066' && c <= '\u2069'), "U+" + Integer.toHexString(c) + " in: " + output);
        }
    }

    @Test
    void hostileNamesNeitherDriveTheTerminalNorForgeRowsInTheTable() throws Exception {
        Cli cli = Cli.run("sweep", "--world", hostileWorld().toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "block-volume");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        assertNoControlOrBidi(cli.out);
        assertEquals(1 + 2 * HOSTILE_NAMES.size(), cli.out.lines().takeWhile(l -> !l.isEmpty()).count(),
                "a header and two lines per finding, no forged row: " + cli.out);
    }

    @Test
    void csvCellsAreNeverFormulasAndEachFindingIsOneRecordOnOneLine() throws Exception {
        Cli cli = Cli.run("sweep", "--world", hostileWorld().toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "block-volume", "--output", "csv");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        assertNoControlOrBidi(cli.out);
        List<String> lines = cli.out.lines().toList();
        assertEquals(1 + HOSTILE_NAMES.size(), lines.size(), cli.out);
        List<String> names = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = csvCells(line);
            assertEquals(9, cells.size(), line);
            cells.forEach(cell -> assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0,
                    "a spreadsheet would run " + cell));
            names.add(cells.get(3));
        }
        assertTrue(names.containsAll(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-2+3", "'@SUM(A1)",
                " TAB", " CR", "redclear", "row NON_COMPLIANT,LOGGED,block-volume,forged", "evil", "c1",
                "plain, \"quoted\"")), names.toString());
    }

    @Test
    void jsonOutputStaysValidJsonWithTheNamesCleaned() throws Exception {
        Cli cli = Cli.run("sweep", "--world", hostileWorld().toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "block-volume", "--output", "json");
        assertNoControlOrBidi(cli.out);
        JsonNode report = JSON.readTree(cli.out);
        List<String> names = new ArrayList<>();
        report.path("findings").forEach(f -> names.add(f.path("displayName").asText()));
        assertTrue(names.containsAll(List.of("redclear", "evil", " TAB", "row NON_COMPLIANT,LOGGED,block-volume,forged")),
                names.toString());
    }

    @Test
    void allListsEveryResourceJudgedWithItsKeyAsCsvAndJson() throws Exception {
        Path world = hostileWorld();
        Cli json = Cli.run("sweep", "--world", world.toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--output", "json", "--all");
        assertEquals(SweepCommand.FINDINGS, json.status, json.toString());
        JsonNode report = JSON.readTree(json.out);
        assertEquals(HOSTILE_NAMES.size() + 1, report.path("scanned").asInt(), "the volumes and the key");
        assertEquals(report.path("scanned").asInt(), report.path("resources").size(), "every resource judged");
        assertEquals(1, report.path("invocations").asInt());
        assertEquals(HOSTILE_NAMES.size(), report.path("byCompartment").path("ocid1.compartment.oc1..lapchild")
                .path("scanned").asInt());
        JsonNode key = report.path("resources").findParents("resourceType").stream()
                .filter(r -> r.path("resourceType").asText().equals("vault-key")).findFirst().orElseThrow();
        assertEquals("COMPLIANT", key.path("verdict").asText());

        Cli csv = Cli.run("sweep", "--world", world.toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--output", "csv", "--all");
        assertEquals(SweepCommand.FINDINGS, csv.status, csv.toString());
        assertNoControlOrBidi(csv.out.replace("\r\n", "\n"));
        List<String> lines = List.of(csv.out.split("\r\n"));
        assertEquals("verdict,action,resourceType,displayName,resourceId,compartmentId,region,kmsKeyId,"
                + "kmsKeyIdBefore,reasons,errorCode", lines.get(0));
        assertEquals(1 + report.path("scanned").asInt(), lines.size(), "a header and a row per resource judged");
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = csvCells(line);
            assertEquals(11, cells.size(), line);
            cells.forEach(cell -> assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0,
                    "a spreadsheet would run " + cell));
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COMPLIANT,NONE,vault-key,") && l.contains("," + KEY
                + "," + KEY + ",")), "the key's own row: " + csv.out);
    }

    @Test
    void htmlIsOnePageOfTheSweep() throws Exception {
        Cli cli = Cli.run("sweep", "--world", hostileWorld().toString(), "--compartment", "ocid1.tenancy.oc1..lap",
                "--types", "block-volume", "--output", "html");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        assertTrue(cli.out.startsWith("<!DOCTYPE html>"), cli.out);
        assertTrue(cli.out.contains("<div class=\"stat\" data-count=\"scanned\"><span class=\"n\">"
                + HOSTILE_NAMES.size() + "</span>"), cli.out);
        assertTrue(cli.out.contains("'=HYPERLINK(") || cli.out.contains("=HYPERLINK(&quot;http://evil&quot;"),
                "a name as text");
        assertEquals(1, cli.out.split("<section class=\"sweep\"", -1).length - 1, "one sweep, one section");
    }

    /** One RFC 4180 record on one line: cells split on commas outside quotes, "" inside quotes is a quote. */
    private static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** A laptop with no OCI config file is told about --config-file and --profile, at once, with no table. */
    @Test
    void withoutAnOciConfigFileTheAdviceIsForALaptop() {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            Cli cli = Cli.run("sweep", "--compartment", "ocid1.tenancy.oc1..lap");
            assertEquals(2, cli.status, cli.toString());
            assertEquals("", cli.out, "nothing swept, no table");
            assertEquals(1, cli.err.lines().count(), cli.err);
            assertTrue(cli.err.contains("no OCI config file at " + dir.resolve(".oci/config")), cli.err);
            assertTrue(cli.err.contains("--config-file PATH and --profile NAME"), cli.err);
            assertTrue(!cli.err.contains("OCI_CONFIG_FILE") && !cli.err.contains("resource principal"),
                    "no advice meant for the function: " + cli.err);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    /** A profile that is not in the file: the problem named as the function would, the advice for a laptop. */
    @Test
    void aMissingProfileGetsALaptopsAdviceToo() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[DEFAULT]\nuser=ocid1.user.oc1..nobody\n");
        Cli cli = Cli.run("sweep", "--compartment", "ocid1.tenancy.oc1..lap", "--config-file", config.toString(),
                "--profile", "laptop");
        assertEquals(2, cli.status, cli.toString());
        assertEquals("", cli.out);
        assertTrue(cli.err.contains("(profile laptop)") && cli.err.contains("--config-file PATH and --profile NAME"), cli.err);
        assertTrue(!cli.err.contains("OCI_CONFIG_FILE") && !cli.err.contains("resource principal"), cli.err);
    }

    @Test
    void aSweepOfTheDemoWorldStartsAtItsTenancy() {
        Cli cli = Cli.run("sweep", "--world", "demo", "--types", "block-volume", "--output", "json");
        assertEquals(SweepCommand.FINDINGS, cli.status, cli.toString());
        assertTrue(cli.out.contains("\"compartmentId\":\"ocid1.tenancy.oc1..cmkguarddemo\""), cli.out);
    }

    @Test
    void aSweepWithoutACompartmentIsAUsageError() {
        Cli cli = Cli.run("sweep", "--output", "json");
        assertEquals(2, cli.status);
        assertTrue(cli.err.contains("--compartment"), cli.err);
    }
}
