package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/** The bench report as a table on stdout. */
final class Table {
    private Table() {
    }

    static void print(JsonNode report, PrintStream out) {
        JsonNode cold = report.path("cold");
        if (cold.isObject()) {
            printCold(cold, out);
        }
        JsonNode warmCompared = report.path("warmCompared");
        if (warmCompared.isObject()) {
            warmCompared.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    printWarm(e.getKey(), e.getValue(), out);
                }
            });
        } else if (report.path("warm").isObject()) {
            printWarm("cmkGuard", report.path("warm"), out);
        }
        if (report.path("sweeps").isArray()) {
            report.path("sweeps").forEach(sweep -> printSweep(sweep, out));
        } else if (report.path("sweep").isObject()) {
            printSweep(report.path("sweep"), out);
        }
        if (report.path("chain").isObject()) {
            printChain(report.path("chain"), out);
        }
    }

    private static void printCold(JsonNode cold, PrintStream out) {
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
        out.println("  then a second event in the same JVM, which starts native signing's load (medians at MaxRAM=128m):");
        out.printf("  %-16s %10s %16s %12s %12s  %s%n", "function", "2nd answer", "CPU 1st answer->", "native load",
                "RSS after", "signing");
        out.printf("  %-16s %10s %16s %12s %12s%n", "", "", "signing settled", "(logged)", "");
        cold.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            if (c.isObject() && c.has("secondAnswerMedianMs")) {
                out.printf("  %-16s %7d ms %13d ms %12s %9.1f MB  %s%n", e.getKey(), c.path("secondAnswerMedianMs").asLong(),
                        c.path("afterFirstAnswerCpuMedianMs").asLong(),
                        c.path("nativeLoadMedianMs").isNull() ? "-" : c.path("nativeLoadMedianMs").asLong() + " ms",
                        c.path("rssAfterLoadMedianMb128").asDouble(), c.path("signing").asText());
            }
        });
    }

    private static void printWarm(String layout, JsonNode warm, PrintStream out) {
        out.println();
        out.printf("warm %s (%d events, one JVM, MaxRAM=128m, notify mode, every sample in turn)%n", layout,
                warm.path("events").asInt());
        out.println("  signing: " + warm.path("signing").asText("(no line)"));
        out.printf("  p50 %.2f ms   p99 %.2f ms   CPU %.2f ms/event   OCI requests/event %.2f%n",
                warm.path("p50Ms").asDouble(), warm.path("p99Ms").asDouble(), warm.path("cpuMsPerEvent").asDouble(),
                warm.path("requestsPerEvent").asDouble());
        out.printf("  CPU split (least squares over the events): %.2f ms per OCI request + %.2f ms per event beyond its requests"
                        + " (second half of the events: %.2f + %.2f)%n",
                warm.path("cpuMsPerRequest").asDouble(), warm.path("cpuMsPerEventBeyondRequests").asDouble(),
                warm.path("cpuMsPerRequestSecondHalf").asDouble(), warm.path("cpuMsPerEventBeyondRequestsSecondHalf").asDouble());
        out.printf("  RSS after 100: %.1f MB, after 1000: %.1f MB (peak %.1f MB); threads after 100: %d, after 1000: %d%n",
                warm.path("rssMbAfter100").asDouble(), warm.path("rssMbAfter1000").asDouble(),
                warm.path("peakRssMb").asDouble(), warm.path("threadsAfter100").asInt(),
                warm.path("threadsAfter1000").asInt());
        out.println("  OCI requests per event, by type:");
        warm.path("requestsPerEventType").fields().forEachRemaining(e ->
                out.printf("    %-70s %.2f%n", e.getKey(), e.getValue().asDouble()));
    }

    private static void printSweep(JsonNode s, PrintStream out) {
        out.println();
        out.printf("sweep %s (%d resources, %d live, %d compartments; emulator %d ms/request, throttle %d/s;"
                        + " function MaxRAM=%s, concurrency %d, deadline %d s of %d s)%n",
                s.path("layout").asText("cmkGuard"), s.path("resourcesGenerated").asInt(), s.path("liveResources").asInt(), s.path("compartments").asInt(),
                s.path("latencyMs").asInt(), s.path("throttlePerSecond").asInt(), s.path("functionMaxRam").asText("256m"),
                s.path("concurrency").asInt(),
                s.path("deadlineSeconds").asInt(), s.path("functionTimeoutSeconds").asInt());
        out.printf("  wall %.1f s   floor %.1f s   wall/floor %.2f   %.1f resources/s   %d invocations"
                        + "   function CPU %.1f s (%.2f ms/request)%n",
                s.path("wallSeconds").asDouble(), s.path("floorSeconds").asDouble(), s.path("wallOverFloor").asDouble(),
                s.path("resourcesPerSecond").asDouble(), s.path("invocations").asInt(),
                s.path("functionCpuSeconds").asDouble(), s.path("functionCpuMsPerRequest").asDouble());
        out.printf("  scanned %d (%d non-compliant, %d errors)   admitted requests %d (%.2f per resource, %d LISTs)"
                        + "   429s %d   function peak RSS %.1f MB%n",
                s.path("scanned").asLong(), s.path("nonCompliant").asLong(), s.path("errors").asLong(),
                s.path("admittedRequests").asLong(), s.path("requestsPerResource").asDouble(),
                s.path("listRequests").asLong(), s.path("throttled429").asLong(), s.path("functionPeakRssMb").asDouble());
        out.println("  signing: " + s.path("signing").asText("(no line)"));
        out.println("  OCI requests per resource, by type (requests on its API / resources scanned):");
        s.path("requestsPerResourceOfType").fields().forEachRemaining(e ->
                out.printf("    %-22s %.2f%n", e.getKey(), e.getValue().asDouble()));
        out.println("  OCI requests by API: " + s.path("requestsByApi"));
    }

    private static void printChain(JsonNode c, PrintStream out) {
        out.println();
        out.printf("chain: one scheduled body, the function carries the sweep on itself (%d resources, %d live, %d"
                        + " compartments; emulator %d ms/request, throttle %d/s; function %s, concurrency %d, links of %d s)%n",
                c.path("resourcesGenerated").asInt(), c.path("liveResources").asInt(), c.path("compartments").asInt(),
                c.path("latencyMs").asInt(), c.path("throttlePerSecond").asInt(), c.path("functionMaxRam").asText(),
                c.path("concurrency").asInt(), c.path("linkDeadlineSeconds").asInt());
        out.printf("  wall %.1f s   floor %.1f s   wall/floor %.2f   %.1f resources/s   %d invocations (%d succeeded)"
                        + "   link seconds %s%n",
                c.path("wallSeconds").asDouble(), c.path("floorSeconds").asDouble(), c.path("wallOverFloor").asDouble(),
                c.path("resourcesPerSecond").asDouble(), c.path("invocations").asInt(),
                c.path("invocationsSucceeded").asInt(), c.path("linkSeconds"));
        out.printf("  judged %d of %d live (CSV: %d rows, %d distinct; every one once: %s; complete %s)   %d non-compliant,"
                        + " %d errors   digests %d%n",
                c.path("scanned").asLong(), c.path("liveResources").asLong(), c.path("csvRows").asLong(), c.path("distinctResourcesInCsv").asLong(),
                c.path("everyLiveResourceJudgedOnce").asBoolean(), c.path("complete").asBoolean(),
                c.path("nonCompliant").asLong(), c.path("errors").asLong(), c.path("digests").asInt());
        out.printf("  admitted requests %d (%.2f per resource)   429s %d   function CPU %.1f s (%.2f ms/request) in %d JVMs"
                        + "   peak RSS %.1f MB (each: %s)%n",
                c.path("admittedRequests").asLong(), c.path("requestsPerResource").asDouble(),
                c.path("throttled429").asLong(), c.path("functionCpuSeconds").asDouble(),
                c.path("functionCpuMsPerRequest").asDouble(), c.path("functionJvms").asInt(),
                c.path("functionPeakRssMb").asDouble(), c.path("functionPeakRssMbEach"));
        out.println("  report objects (KB): " + c.path("reportObjectsKb"));
        out.println("  OCI requests per resource, by type: " + c.path("requestsPerResourceOfType"));
        out.println("  OCI requests by API: " + c.path("requestsByApi"));
    }
}
