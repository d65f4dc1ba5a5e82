package io.cmkguard.bench;

import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.guard.CmkGuard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints how fast and how big the pipeline is, against the local emulator over loopback HTTP with
 * the real, request-signing SDK clients:
 * <ul>
 *   <li>cold: a fresh JVM per run, from JVM start to the first result (clients built, resource
 *       read, key looked up, finding published);</li>
 *   <li>warm: per-event latency and throughput of one warm function over the sample events;</li>
 *   <li>memory: resident set size and heap after the warm run.</li>
 * </ul>
 * Figures only: nothing is asserted. Usage: {@code PipelineBench [--cold-runs N] [--warm-events N]}.
 */
public final class PipelineBench {
    private static final String ONCE = "--once";

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        if (a.contains(ONCE)) {
            runOnce();
            return;
        }
        int coldRuns = intArg(a, "--cold-runs", 5);
        int warmEvents = intArg(a, "--warm-events", 2000);
        cold(coldRuns);
        warm(warmEvents);
    }

    /** In a child JVM: one event, then print the time since JVM start. */
    private static void runOnce() throws Exception {
        try (Harness h = new Harness()) {
            h.guard.handle(Files.readString(h.samples.get(0)));
        }
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLD " + sinceStart + " " + rssKb());
    }

    private static void cold(int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp",
                    System.getProperty("java.class.path"), PipelineBench.class.getName(), ONCE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().filter(l -> l.startsWith("COLD ")).forEach(l -> {
                    String[] parts = l.split(" ");
                    millis.add(Long.parseLong(parts[1]));
                    rss.add(Long.parseLong(parts[2]));
                });
            }
            p.waitFor();
        }
        millis.sort(null);
        rss.sort(null);
        System.out.printf("cold start (fresh JVM -> first result, Fn image GC flags), %d runs: median %d ms, min %d ms, max %d ms; RSS median %d MB%n",
                millis.size(), millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1),
                rss.get(rss.size() / 2) / 1024);
    }

    private static void warm(int events) throws Exception {
        try (Harness h = new Harness()) {
            List<String> bodies = new ArrayList<>();
            for (Path p : h.samples) {
                bodies.add(Files.readString(p));
            }
            for (int i = 0; i < 200; i++) { // JIT warm-up
                h.guard.handle(bodies.get(i % bodies.size()));
            }
            long[] nanos = new long[events];
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long t = System.nanoTime();
                h.guard.handle(bodies.get(i % bodies.size()));
                nanos[i] = System.nanoTime() - t;
            }
            long total = System.nanoTime() - start;
            Arrays.sort(nanos);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("warm, %d events over %d samples (notify mode, key cache on): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f events/s%n",
                    events, bodies.size(), ms(nanos[events / 2]), ms(nanos[events * 95 / 100]),
                    ms(nanos[events * 99 / 100]), ms(nanos[events - 1]), events / (total / 1e9));
            System.out.printf("memory after warm run: RSS %d MB, heap used %d MB (after GC), heap committed %d MB%n",
                    rssKb() / 1024, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
            System.out.printf("emulator requests served: %d%n", h.emulator.requests().size());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long rssKb() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        }
    }

    private static int intArg(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : fallback;
    }

    /** The demo world in the emulator and a guard wired to it, as a deployed function would be (notify mode). */
    private static final class Harness implements AutoCloseable {
        final OciEmulator emulator;
        final CmkGuard guard;
        final List<Path> samples;

        Harness() throws IOException {
            SigningKeys keys = SigningKeys.generate();
            Path config = keys.writeOciConfig(Files.createTempDirectory("cmk-guard-bench"));
            emulator = OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(keys.publicKey()));
            guard = CmkGuard.start(Map.of(
                    "CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl(),
                    "CMK_GUARD_AUTH", "config_file",
                    "OCI_CONFIG_FILE", config.toString(),
                    "CMK_GUARD_REGION", "us-ashburn-1",
                    "CMK_GUARD_MODE", "notify",
                    "CMK_GUARD_TOPIC_ID", "ocid1.onstopic.oc1.iad.findings"),
                    new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
            Path dir = repoRoot().resolve("events/samples");
            try (Stream<Path> files = Files.list(dir)) {
                samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        }

        private static Path repoRoot() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("events/samples"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("run from inside the cmk-guard repository");
            }
            return dir;
        }

        @Override
        public void close() {
            guard.close();
            emulator.close();
        }
    }
}
