package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmk-guard demo} end to end: every sample through one warm function; what the first screen holds. */
class DemoCommandTest {

    /**
     * The screen: what runs against what, the table, a summary whose lines say what each pair means, then a scheduled
     * sweep that continues itself (one digest, its report kept), the log.
     */
    @Test
    void theScreenFits100ColumnsAndEndsWithTheSummaryAndLegend() throws Exception {
        Cli cli = Cli.run("demo");

        assertEquals(0, cli.status, cli.toString());
        List<String> lines = cli.out.lines().toList();
        for (String line : lines) {
            assertTrue(line.codePointCount(0, line.length()) <= 100, "wider than 100 columns: " + line);
        }
        assertTrue(lines.get(0).startsWith("cmk-guard demo: "), cli.out);
        assertTrue(cli.out.contains("tenancy\nocid1.tenancy.oc1..cmkguarddemo") || cli.out.contains("tenancy ocid1.tenancy.oc1..cmkguarddemo"),
                "the world's tenancy is named: " + cli.out);
        assertTrue(cli.out.contains("Every event runs against that one world, which changes as it goes"), cli.out);
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("RESOURCE ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).matches("RESOURCE\\s+TYPE\\s+VERDICT\\s+ACTION\\s+REASON"), lines.get(header));
        assertTrue(lines.stream().anyMatch(l -> l.matches("vol-oracle-managed\\s+block-volume\\s+NON_COMPLIANT\\s+REMEDIATED\\s+Oracle-managed key")),
                cli.out);

        int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("Summary: ")).findFirst().orElseThrow());
        int samples = SampleEvents.list(SampleEvents.defaultDir()).size();
        assertEquals(header + 2 + samples + 1, summary, "the summary follows the table:\n" + cli.out);
        assertTrue(lines.get(summary).startsWith("Summary: " + samples + " events in "), lines.get(summary));
        List<String> legend = lines.subList(summary + 1, lines.size()).stream()
                .filter(l -> l.matches("\\s+\\d+\\s+[A-Z_]+\\s+[A-Z_]+\\s+\\S.*")).toList();
        assertTrue(legend.stream().anyMatch(l -> l.matches("\\s+\\d+\\s+NON_COMPLIANT REMEDIATED\\s+re-keyed in place.*")), cli.out);
        assertTrue(legend.stream().anyMatch(l -> l.matches("\\s+\\d+\\s+NON_COMPLIANT NONE\\s+already notified.*")),
                "repeats are counted and explained: " + cli.out);
        assertEquals(samples, legend.stream().mapToInt(l -> Integer.parseInt(l.trim().split("\\s+")[0])).sum(),
                "every event is counted in one pair");
        int sweep = lines.indexOf(lines.stream().filter(l -> l.startsWith("Then a scheduled sweep")).findFirst()
                .orElseThrow(() -> new AssertionError("no scheduled sweep after the summary:\n" + cli.out)));
        assertTrue(sweep > summary + legend.size(), "the sweep follows the summary and legend");
        assertTrue(lines.size() - summary <= 30, "the summary, legend and sweep are the last lines on screen");
        String sweepText = String.join(" ", lines.subList(sweep, lines.size())).replaceAll("\\s+", " ");
        assertTrue(sweepText.contains("{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..cmkguarddemo\"}}"), sweepText);
        assertTrue(sweepText.matches(".* - invocation 0 \\(the schedule's call\\): \\d+ judged; the sweep goes on by"
                + " itself in invocation 1 under sweep-.*"), sweepText);
        assertTrue(sweepText.matches(".* - invocation 1 \\(detached\\): \\d+ judged; the sweep ended after 2"
                + " invocation\\(s\\); its report is kept .*"), "two invocations, the second ending it: " + sweepText);
        assertTrue(sweepText.contains("One digest for the whole sweep: [cmk-guard] "), sweepText);
        assertTrue(sweepText.matches(".*of 74 resources not on a customer-managed key.*"),
                "every live resource of the demo world, its report bucket too: " + sweepText);
        assertTrue(sweepText.matches(".*The report, kept: cmk-guard-reports/sweeps/sweep-[0-9a-f-]+/ report\\.html,"
                + " report\\.json, resources\\.csv .*"), sweepText);

        String logLine = lines.get(lines.size() - 1);
        assertTrue(logLine.startsWith("The function's log: "), cli.out);
        Path log = Path.of(logLine.substring("The function's log: ".length(), logLine.length() - 1));
        assertTrue(Files.readString(log).contains("cmk-guard.decision"), "the log went to " + log);
        Files.delete(log);
        assertFalse(cli.out.contains("Subject: "), "notifications only with --notifications");
        assertFalse(cli.err.contains("cmk-guard.decision"), "no log lines on the terminal: " + cli.err);
        assertFalse(cli.out.contains("\u001b[") || cli.err.contains("\u001b["), "no colour codes");
    }

    @Test
    void notificationsInFullWithTheFlag(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Cli cli = Cli.run("demo", "--log", log.toString(), "--notifications",
                "--samples", Cli.repo().resolve("events/samples").toString());

        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.contains("Subject: cmk-guard: FIXED"), "an email view of a remediation");
        assertTrue(cli.out.contains("— as Slack ==="), "a Slack view");
        assertTrue(cli.out.contains("\n[cmk-guard] FIXED: "), "the body's first line is the summary");
        assertFalse(cli.out.contains("\"log\":\"cmk-guard.decision\""), "the decision log is not on stdout");
        assertTrue(cli.out.lines().anyMatch(l -> l.startsWith("Summary: ")), "the summary still comes last");
        assertTrue(Files.readString(log).contains("cmk-guard.decision"));
    }
}
