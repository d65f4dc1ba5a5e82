package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.util.Csv;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.cmkguard.report.Parts.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every resource judged as CSV: RFC 4180 quoting, no formulas, written in parts under one header. */
class ResourceCsvTest {
    private static final String PROD = "ocid1.compartment.oc1..prod";

    private static final List<String> NAMES = List.of("plain", "say \"hi\", then go", "=HYPERLINK(\"http://x\",\"y\")",
            "+1", "-2", "@SUM(A1)", "first line\nsecond, line", "\tindented", "a;b", "");

    private static List<GuardResult> results() {
        List<GuardResult> results = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            results.add(resource("ocid1.volume.oc1.iad.v" + i, "block-volume", NAMES.get(i), PROD,
                    i % 2 == 0 ? Status.COMPLIANT : Status.NON_COMPLIANT, i % 2 == 0 ? Action.NONE : Action.NOTIFIED,
                    "reason " + i));
        }
        return results;
    }

    @Test
    void everyRowReadsBackAsItsResourceWithNoCellASpreadsheetWouldRun() {
        String csv = ResourceCsv.header() + ResourceCsv.rows(results());
        List<List<String>> table = Csv.read(csv); // RFC 4180 read back

        assertEquals(ResourceCsv.COLUMNS, table.get(0));
        assertEquals(List.of("verdict", "action", "resourceType", "displayName", "resourceId", "compartmentId",
                "region", "kmsKeyId", "kmsKeyIdBefore", "reasons", "errorCode"), table.get(0));
        assertEquals(NAMES.size() + 1, table.size(), "one row per resource: a line break in a name is no new row");
        List<String> shown = table.stream().skip(1).map(row -> row.get(3)).toList();
        assertEquals(List.of("plain", "say \"hi\", then go", "'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2",
                "'@SUM(A1)", "first line second, line", " indented", "a;b", ""), shown);
        for (List<String> row : table) {
            assertEquals(ResourceCsv.COLUMNS.size(), row.size(), row.toString());
            for (String cell : row) {
                assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, "a formula: " + cell);
            }
        }
        List<String> second = table.get(2);
        assertEquals(List.of("NON_COMPLIANT", "NOTIFIED", "block-volume", "say \"hi\", then go",
                "ocid1.volume.oc1.iad.v1", PROD, "us-ashburn-1", "", "", "reason 1", ""), second,
                "an Oracle-managed key is an empty cell");
        assertEquals(Parts.KEY, table.get(1).get(7), "the key in use after the decision");
        assertTrue(csv.contains("\"say \"\"hi\"\", then go\""), "quotes doubled inside a quoted cell");
        assertTrue(csv.endsWith("\r\n") && csv.split("\r\n", -1).length == NAMES.size() + 2, "CRLF line ends");
    }

    @Test
    void rowsFromTheReportsResourcesAreTheRowsOfTheResults() {
        JsonNode part = Parts.part("sweep-1", results(), true, Optional.empty(), Instant.EPOCH, 1, Optional.empty());
        assertEquals(ResourceCsv.rows(results()), ResourceCsv.rows(part.path("resources")));
    }

    @Test
    void partsConcatenatedUnderOneHeaderAreOneTable() {
        List<GuardResult> all = results();
        String whole = ResourceCsv.header() + ResourceCsv.rows(all.subList(0, 4)) + ResourceCsv.rows(List.of())
                + ResourceCsv.rows(all.subList(4, all.size()));
        assertEquals(ResourceCsv.header() + ResourceCsv.rows(all), whole);
        assertEquals(all.size() + 1, Csv.read(whole).size());
    }
}
