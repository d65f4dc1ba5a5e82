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

    @Test
    void theDemoShowsARowForEverySampleAndEveryNotification(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Cli cli = Cli.run("demo", "--log", log.toString(), "--samples", Cli.repo().resolve("events/samples").toString());

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
