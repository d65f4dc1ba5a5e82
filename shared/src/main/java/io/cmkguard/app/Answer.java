package io.cmkguard.app;

import io.cmkguard.guard.ResultJson;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.result.GuardResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An invocation's answer, written as UTF-8 JSON when the caller asks for it: a large sweep's answer is megabytes,
 * and written straight to the FDK's output it never exists as a String besides (the String, its bytes in the
 * platform's charset and the FDK's own copy made the last second of a long sweep its costliest in memory).
 */
public sealed interface Answer {
    /** Writes the answer; the stream is left open. */
    void writeTo(OutputStream out) throws IOException;

    /** The answer as text (tests, the laptop). */
    default String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a stream in memory does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An event's result (or a body refused as one). */
    record Event(GuardResult result) implements Answer {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(ResultJson.write(result).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A sweep invocation's report, its findings streamed. */
    record Sweep(SweepReport report) implements Answer {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            SweepReportJson.write(report, SweepReportJson.Detail.FINDINGS, out);
        }
    }
}
