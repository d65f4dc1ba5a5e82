package io.cmkguard.launcher;

import io.cmkguard.LeakScan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the launcher in-process, capturing stdout and stderr as bin/cmk-guard would print them. */
final class Cli {
    final int status;
    final String out;
    final String err;

    private Cli(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        return withInput("", args);
    }

    /** Runs the launcher with {@code input} on its standard input. */
    static Cli withInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Cli cli = new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        LeakScan.said("the launcher's stdout (results)", cli.out);
        LeakScan.said("the launcher's stderr (the function log)", cli.err);
        return cli;
    }

    /** The repository root: tests run in launcher/, so walk up to the dir holding events/. */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static String sample(String name) {
        return repo().resolve("events/samples").resolve(name).toString();
    }

    static String demoWorld() {
        return repo().resolve("emulator/src/main/resources/io/cmkguard/emulator/demo-world.json").toString();
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
