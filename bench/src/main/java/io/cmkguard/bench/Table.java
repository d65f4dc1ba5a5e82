package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/** The bench report as a table on stdout. */
final class Table {
    private Table() {
    }

    static void print(JsonNode report, PrintStream out) {
        JsonNode cold = report.path("cold");
        out.println();
        out.println("cold start (fresh JVM -> first complete answer over the unix socket; time at MaxRAM=128m)");
        out.printf("  %-16s %8s %8s %8s %9s %10s %12s %12s%n", "function", "median", "min", "max", "CPU med",
                "med@256m", "peakRSS@128m", "peakRSS@256m");
        cold.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                JsonNode c = e.getValue();
                out.printf("  %-16s %6d ms %5d ms %5d ms %6d ms %7d ms %9.1f MB %9.1f MB%n", e.getKey(),
                        c.path("medianMs").asLong(), c.path("minMs").asLong(), c.path("maxMs").asLong(),
                        c.path("cpuMedianMs").asLong(), c.path("medianMs256").asLong(),
                        c.path("peakRssMb128").asDouble(), c.path("peakRssMb256").asDouble());
            }
        });
        out.printf("  ratio cmkGuard / helloWorld (medians, same run): %.2f%n", cold.path("ratio").asDouble());
        JsonNode warm = report.path("warm");
        if (warm.isObject()) {
            out.println();
            out.printf("warm (%d events, one JVM, MaxRAM=128m, notify mode, every sample in turn)%n", warm.path("events").asInt());
            out.printf("  p50 %.2f ms   p99 %.2f ms   CPU %.2f ms/event   OCI requests/event %.2f%n",
                    warm.path("p50Ms").asDouble(), warm.path("p99Ms").asDouble(), warm.path("cpuMsPerEvent").asDouble(),
                    warm.path("requestsPerEvent").asDouble());
            out.printf("  RSS after 100: %.1f MB, after 1000: %.1f MB (peak %.1f MB); threads after 100: %d, after 1000: %d%n",
                    warm.path("rssMbAfter100").asDouble(), warm.path("rssMbAfter1000").asDouble(),
                    warm.path("peakRssMb").asDouble(), warm.path("threadsAfter100").asInt(),
                    warm.path("threadsAfter1000").asInt());
            out.println("  OCI requests per event, by type:");
            warm.path("requestsPerEventType").fields().forEachRemaining(e ->
                    out.printf("    %-70s %.2f%n", e.getKey(), e.getValue().asDouble()));
        }
    }
}
