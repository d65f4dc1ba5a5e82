package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmk-guard demo} end to end: every sample through one warm function, table and notifications. */
class DemoCommandTest {

    /** The first screen: a line, the table, the summary, one line per notification; the log in a file. */
    @Test
    void byDefaultTheDemoIsTheTableASummaryAndOneLinePerNotification() throws Exception {
        Cli cli = Cli.run("demo");

        assertEquals(0, cli.status, cli.toString());
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).startsWith("cmk-guard demo: "), cli.out);
        assertTrue(lines.get(2).startsWith("EVENT FILE "), cli.out);
        String logLine = lines.stream().filter(l -> l.startsWith("The function's log: ")).findFirst().orElseThrow();
        Path log = Path.of(logLine.substring("The function's log: ".length(), logLine.length() - 1));
        assertTrue(Files.readString(log).contains("cmk-guard.decision"), "the log went to " + log);
        Files.delete(log);
        assertTrue(cli.out.contains("Notifications published ("), cli.out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  cmk-guard: FIXED")), cli.out);
        assertFalse(cli.out.contains("— as Slack ==="), "full notifications only with --notifications");
        assertFalse(cli.err.contains("cmk-guard.decision"), "no log lines on the terminal: " + cli.err);
        assertFalse(cli.out.contains("\u001b[") || cli.err.contains("\u001b["), "no colour codes");
    }

    @Test
    void theDemoShowsARowForEverySampleAndEveryNotification(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Cli cli = Cli.run("demo", "--log", log.toString(), "--notifications",
                "--samples", Cli.repo().resolve("events/samples").toString());

        assertEquals(0, cli.status, cli.toString());
        List<String> samples;
        try (Stream<Path> files = Files.list(Cli.repo().resolve("events/samples"))) {
            samples = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        List<String> lines = cli.out.lines().toList();
        for (String sample : samples) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(sample + " ")
                            && l.matches(".*\\b(COMPLIANT|NON_COMPLIANT|EXEMPT|NOT_FOUND|IGNORED)\\s+\\S+$")),
                    "no row for " + sample + "\n" + cli.out);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("blockvolumes.createvolume.end--oracle-managed.json ")
                && l.contains("NON_COMPLIANT") && l.endsWith("REMEDIATED")), cli.out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("blockvolumes.createvolume.end--compliant.json ")
                && l.endsWith("NONE")), cli.out);

        assertTrue(cli.out.contains("Subject: cmk-guard: FIXED"), "an email view of a remediation");
        assertTrue(cli.out.contains("— as Slack ==="), "a Slack view");
        assertTrue(cli.out.contains("\n[cmk-guard] FIXED: "), "the body's first line is the summary");
        assertFalse(cli.out.contains("\"log\":\"cmk-guard.decision\""), "the decision log is not on stdout");
        assertTrue(Files.readString(log).contains("cmk-guard.decision"));
    }
}
