package io.cmkguard.emulator.fn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One read of a Linux process's {@code /proc/<pid>/status} (memory in kB, thread count). */
final class ProcStatus {
    private final List<String> lines;

    private ProcStatus(List<String> lines) {
        this.lines = lines;
    }

    static ProcStatus of(long pid) {
        try {
            return new ProcStatus(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone (no /proc status)", e);
        }
    }

    /** The first number on the line {@code field:} (kB for memory fields). */
    long kilobytes(String field) {
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }
}
