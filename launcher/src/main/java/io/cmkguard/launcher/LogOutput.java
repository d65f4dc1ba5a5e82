package io.cmkguard.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the function's log goes (its decision lines and the FDK runtime's own): a file given with --log,
 * else stderr. Never stdout, which carries the command's answer (the table, the result lines).
 */
final class LogOutput implements AutoCloseable {
    private final PrintStream stream;
    private final boolean owned;

    private LogOutput(PrintStream stream, boolean owned) {
        this.stream = stream;
        this.owned = owned;
    }

    /** @param file the --log file, or null for {@code fallback} */
    static LogOutput to(Path file, PrintStream fallback) {
        if (file == null) {
            return new LogOutput(fallback, false);
        }
        try {
            return new LogOutput(new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log to " + file, e);
        }
    }

    PrintStream stream() {
        return stream;
    }

    @Override
    public void close() {
        stream.flush();
        if (owned) {
            stream.close();
        }
    }
}
