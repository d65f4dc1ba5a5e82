package io.cmkguard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample events (events/samples/*.json), which the demo runs. */
final class SampleEvents {
    /** Set by bin/cmk-guard to the repository root, so the launcher works from any directory. */
    static final String HOME_PROPERTY = "cmkguard.home";
    static final String DIR = "events/samples";

    private SampleEvents() {
    }

    /** events/samples under cmkguard.home, else under the nearest directory above the working dir that has one. */
    static Path defaultDir() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).resolve(DIR);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(DIR))) {
                return dir.resolve(DIR);
            }
        }
        throw new UsageException("cannot find " + DIR + ": run bin/cmk-guard from the repository, or pass --samples DIR");
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
