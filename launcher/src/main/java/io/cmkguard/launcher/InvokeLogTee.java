package io.cmkguard.launcher;

import io.cmkguard.emulator.OciEmulator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The function's log as OCI Functions treats it: every line still goes where the user asked (a file, stderr),
 * and is also kept by the emulator as an entry of the function's invoke log in OCI Logging, so that
 * {@code cmk-guard logs} can search it (from a --state-out dump) as it searches a deployed function's log.
 */
final class InvokeLogTee extends OutputStream {
    private final PrintStream downstream;
    private final OciEmulator emulator;
    private final String compartmentId;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private InvokeLogTee(PrintStream downstream, OciEmulator emulator, String compartmentId) {
        this.downstream = downstream;
        this.emulator = emulator;
        this.compartmentId = compartmentId;
    }

    static PrintStream of(PrintStream downstream, OciEmulator emulator, String compartmentId) {
        return new PrintStream(new InvokeLogTee(downstream, emulator, compartmentId), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        downstream.write(b);
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() {
        downstream.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
        downstream.flush();
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        line.reset();
        if (!text.isEmpty()) {
            emulator.functionLogLine(compartmentId, LocalCloud.LOG_GROUP_ID, LocalCloud.LOG_ID, text);
        }
    }
}
