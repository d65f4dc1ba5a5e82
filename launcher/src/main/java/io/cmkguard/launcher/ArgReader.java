package io.cmkguard.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A command's arguments, read left to right: "--option value" pairs and plain operands. */
final class ArgReader {
    private final Deque<String> rest;

    ArgReader(List<String> args) {
        this.rest = new ArrayDeque<>(args);
    }

    boolean hasNext() {
        return !rest.isEmpty();
    }

    String next() {
        return rest.removeFirst();
    }

    static boolean isOption(String arg) {
        return arg.startsWith("--");
    }

    /** The value after an option; "--world" at the end of the line is a usage error. */
    String valueOf(String option) {
        if (rest.isEmpty() || isOption(rest.peekFirst())) {
            throw new UsageException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    static Path existingFile(String what, String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(what + " " + path + ": no such readable file");
        }
        return file;
    }
}
