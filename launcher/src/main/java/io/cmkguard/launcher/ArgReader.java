package io.cmkguard.launcher;

import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments, read left to right: "--option value" pairs and plain operands; and the checks every
 * command shares, so the same mistake gets the same words whichever command it is made in.
 */
final class ArgReader {
    /** The value of --world that names the world built into the emulator. */
    static final String DEMO_WORLD = "demo";

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

    /** The error for an argument no branch of a command took. */
    static UsageException unexpected(String arg) {
        return new UsageException(isOption(arg) ? "unknown option " + arg : "unexpected argument '" + arg + "'");
    }

    static Path existingFile(String what, String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(what + " " + path + ": no such readable file");
        }
        return file;
    }

    /** A file to write: its directory must exist, so the run does not fail at its end. */
    static Path fileToWrite(String option, String path) {
        Path file = Path.of(path);
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + path + ": not a file in an existing directory");
        }
        return file;
    }

    /** One of the choices, compared case-insensitively; the choice as written here. */
    static String oneOf(String option, String value, String... choices) {
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        String list = choices.length == 2 ? choices[0] + " or " + choices[1]
                : String.join(", ", Arrays.asList(choices).subList(0, choices.length - 1)) + " or "
                        + choices[choices.length - 1];
        throw new UsageException(option + " must be " + list + ", not '" + value + "'");
    }

    /** A whole number of 0 or more. */
    static int wholeNumber(String option, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(option + " must be a whole number of 0 or more, not '" + text + "'");
    }

    /** --config KEY=VALUE, put into the map (an empty value unsets a default). */
    static void configPair(String pair, Map<String, String> config) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--config must be KEY=VALUE, not '" + pair + "'");
        }
        config.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }

    /** --world: "demo" for the built-in demo world, else a world file, read and checked now. */
    static World world(String value) {
        if (DEMO_WORLD.equals(value)) {
            return OciEmulator.demoWorld();
        }
        Path file = existingFile("--world", value);
        try {
            return World.read(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
