package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as a user runs it, in its own JVM (SLF4J reads its settings once per process): the OCI SDK's
 * warnings about itself stay off the terminal unless --verbose, and the DatabaseClient's Apache Connector
 * warning, whose cause is fixed, never shows.
 */
class QuietOutputTest {
    private static final String TOO_OLD = "The client is too old";
    private static final String APACHE = "Apache Connector";

    @Test
    void rulesAndSweepPrintNoSdkWarningsByDefault() throws Exception {
        Run rules = launcher("rules", "check", "--world", "demo", "--compartment", "ocid1.tenancy.oc1..cmkguarddemo",
                "--function-id", "ocid1.fnfunc.oc1.iad.demo");
        assertEquals(1, rules.status, "the demo world has no rules: " + rules);
        assertFalse(rules.err.contains("WARN"), rules.toString());
        assertFalse(rules.err.contains(TOO_OLD), rules.toString());

        Run sweep = launcher("sweep", "--world", "demo", "--output", "csv"); // every type: every SDK client built
        assertEquals(1, sweep.status, "findings remain: " + sweep);
        assertFalse(sweep.err.contains("WARN"), sweep.toString());
        assertTrue(sweep.out.startsWith("verdict,action,"), sweep.toString());
    }

    @Test
    void verboseShowsTheSdksWarningButTheFixedOneNever() throws Exception {
        Run rules = launcher("rules", "plan", "--world", "demo", "--compartment", "ocid1.tenancy.oc1..cmkguarddemo",
                "--function-id", "ocid1.fnfunc.oc1.iad.demo", "--verbose");
        assertEquals(0, rules.status, rules.toString());
        assertTrue(rules.err.contains(TOO_OLD), "--verbose shows the compatibility checker: " + rules);

        Run sweep = launcher("sweep", "--world", "demo", "--verbose");
        assertFalse(sweep.err.contains(APACHE), "the Database and Object Storage clients are built without the"
                + " Apache Connector's stream warning: " + sweep);
    }

    private record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Run launcher(String... args) throws Exception {
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("oci-java-sdk-common"), "the test class path: " + classPath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dcmkguard.home=" + Cli.repo(), Main.class.getName()));
        command.addAll(List.of(args));
        Path errFile = Files.createTempFile("cmk-guard-quiet-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(errFile.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher ended");
            return new Run(process.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
