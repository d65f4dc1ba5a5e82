package io.cmkguard.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: bin/cmk-guard says (cmkguard.home), else the nearest directory above that has events/. */
final class Repository {
    /** Set by bin/cmk-guard to the repository root, so the launcher works from any directory. */
    static final String HOME_PROPERTY = "cmkguard.home";

    private Repository() {
    }

    static Path root() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new UsageException("cannot find the cmk-guard repository (events/, deploy/) above "
                + Path.of("").toAbsolutePath() + ": run bin/cmk-guard from its checkout");
    }
}
