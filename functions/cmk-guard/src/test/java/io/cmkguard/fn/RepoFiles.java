package io.cmkguard.fn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository the tests read: sample events, Events rules, deployables. */
final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: surefire runs in the module directory, so walk up to the dir holding events/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path sample(String fileName) {
        return root().resolve("events/samples").resolve(fileName);
    }

    /** The body of a sample event, exactly as OCI Events would post it. */
    static String readSample(String fileName) {
        return read(sample(fileName));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The *.json files of a repository directory, sorted by name. */
    static List<Path> jsonFiles(String dir) {
        try (Stream<Path> files = Files.list(root().resolve(dir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
