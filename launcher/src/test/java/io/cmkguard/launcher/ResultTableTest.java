package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18: a cell (a name from a result) cannot add rows, drive the terminal or reverse the row. */
class ResultTableTest {

    @Test
    void cellsAreCleanOneLineTextCutTo256() {
        ResultTable table = new ResultTable("FILE", "RESOURCE", "VERDICT");
        table.add("a.json", "vol\nb.json  forged  COMPLIANT\u001b[2J\u009b31m\u202e", "NON_COMPLIANT");
        table.add("c.json", "n".repeat(5_000), "COMPLIANT");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(4, lines.size(), "header, rule and one line per row: " + lines);
        assertTrue(lines.get(2).startsWith("a.json  vol b.json  forged  COMPLIANT"), lines.get(2));
        assertTrue(lines.get(2).endsWith("  NON_COMPLIANT"), lines.get(2));
        lines.forEach(line -> assertTrue(line.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202e), line));
        assertTrue(lines.get(3).contains("n".repeat(255) + "…  COMPLIANT"), "a name is cut to 256");
    }
}
