package io.cmkguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the repository's fixture files from a module's working directory. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events/samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/samples above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static List<Path> samples() {
        try (Stream<Path> files = Files.list(repoRoot().resolve("events/samples"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path sample(String name) {
        return repoRoot().resolve("events/samples").resolve(name);
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
