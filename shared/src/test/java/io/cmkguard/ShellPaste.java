package io.cmkguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pastes a printed command into a real shell, as a person would, with {@code oci} (and {@code bin/cmk-guard})
 * stubbed by a script on PATH that records each call's argv (one NUL-separated file per call, in order).
 * The shell runs in an empty directory that is also its HOME: a payload such as {@code $(touch FILE)}
 * that ran leaves a file there.
 */
public final class ShellPaste {
    /** The POSIX shells of this machine to paste into: bash, dash and sh, each where present (bash must be). */
    public static List<String> shells() {
        List<String> shells = Stream.of("/usr/bin/bash", "/usr/bin/dash", "/bin/sh")
                .filter(shell -> Files.isExecutable(Path.of(shell))).toList();
        assertTrue(shells.contains("/usr/bin/bash"), "bash is needed to paste commands into");
        return shells;
    }

    private static final String STUB = """
            #!/bin/sh
            n=$(ls "$PASTE_CALLS" | wc -l)
            for a in "$0" "$@"; do printf '%s\\0' "$a"; done > "$PASTE_CALLS/$((n + 1000))"
            """;

    private ShellPaste() {
    }

    /**
     * Runs the line in the shell and answers the argv of each stubbed call, argv[0] being the program as
     * named (oci, bin/cmk-guard). Fails if the shell failed or anything but the stub's records was written.
     */
    public static List<List<String>> run(String shell, String line) {
        try {
            Path root = Files.createTempDirectory("cmk-guard-paste");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Path calls = Files.createDirectories(root.resolve("calls"));
            Path work = Files.createDirectories(root.resolve("work"));
            for (Path stub : List.of(bin.resolve("oci"), work.resolve("bin").resolve("cmk-guard"))) {
                Files.createDirectories(stub.getParent());
                Files.writeString(stub, STUB);
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
            }
            ProcessBuilder builder = new ProcessBuilder(shell, "-c", line).directory(work.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(java.util.Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", work.toString(),
                    "PASTE_CALLS", calls.toString(), "LC_ALL", "C.UTF-8"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the shell did not finish: " + line);
            assertEquals(0, process.exitValue(), shell + " failed (" + output + ") on: " + line);
            try (Stream<Path> left = Files.walk(work)) {
                List<String> files = left.filter(p -> !p.startsWith(work.resolve("bin")) && !p.equals(work))
                        .map(p -> work.relativize(p).toString()).toList();
                assertEquals(List.of(), files, shell + " created files (a payload ran) pasting: " + line);
            }
            List<List<String>> argvs = new ArrayList<>();
            try (Stream<Path> recorded = Files.list(calls)) {
                for (Path call : recorded.sorted().toList()) {
                    String text = Files.readString(call, StandardCharsets.UTF_8);
                    List<String> argv = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
                    argv.remove(argv.size() - 1); // after the last NUL
                    argv.set(0, argv.get(0).equals(bin.resolve("oci").toString()) ? "oci" : "bin/cmk-guard");
                    argvs.add(argv);
                }
            }
            return argvs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
