package io.cmkguard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample events (events/samples/*.json), which the demo runs. */
final class SampleEvents {
    static final String DIR = "events/samples";

    private SampleEvents() {
    }

    /** events/samples of the repository. */
    static Path defaultDir() {
        return Repository.root().resolve(DIR);
    }

    /** The *.json files of the directory, sorted by name. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--samples " + dir + ": no such directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> samples = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            if (samples.isEmpty()) {
                throw new UsageException(dir + " holds no *.json events");
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
