package io.cmkguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.guard.CmkGuard;
import io.cmkguard.guard.SweepProgress;
import io.cmkguard.guard.SweepReport;
import io.cmkguard.policy.Status;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sweep throughput against the emulator over loopback with the real, request-signing SDK clients: a
 * generated world (default about 10 000 resources in 21 compartments), an added latency per request
 * and a 429 throttle with Retry-After. Prints wall time against the floor (requests the throttle
 * admitted / its rate) and how many calls were LISTs (what OCI Resource Search could at most save).
 * Figures only: nothing is asserted. Usage:
 * {@code SweepBench [--per-type N] [--latency-ms N] [--throttle N] [--concurrency N] [--json FILE]}.
 */
public final class SweepBench {
    /** A LIST is a GET of a collection, e.g. /20160918/volumes (a GET of one resource has an id after it). */
    private static final Pattern LIST = Pattern.compile("/\\d{8}/\\w+");

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int perType = intArg(a, "--per-type", 68);
        int latencyMs = intArg(a, "--latency-ms", 20);
        int throttle = intArg(a, "--throttle", 500);
        int concurrency = intArg(a, "--concurrency", 16);
        String json = stringArg(a, "--json", "");

        GeneratedWorld world = GeneratedWorld.generate(2, 4, perType, 1);
        SigningKeys keys = SigningKeys.generate();
        Path configFile = keys.writeOciConfig(Files.createTempDirectory("sweep-bench"));
        EmulatorOptions options = EmulatorOptions.trusting(keys.publicKey())
                .withLatency(Duration.ofMillis(latencyMs)).withThrottle(throttle);
        try (OciEmulator emulator = OciEmulator.start(world.world(), options)) {
            Map<String, String> env = Map.of(
                    "CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl(), "CMK_GUARD_AUTH", "config_file",
                    "OCI_CONFIG_FILE", configFile.toString(), "CMK_GUARD_REGION", "us-ashburn-1",
                    "CMK_GUARD_MODE", "audit", "CMK_GUARD_RETRY_ATTEMPTS", "6",
                    "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "3600",
                    "CMK_GUARD_SWEEP_CONCURRENCY", Integer.toString(concurrency));
            SweepReport report;
            long started = System.nanoTime();
            try (CmkGuard guard = CmkGuard.start(env, new PrintStream(OutputStream.nullOutputStream()),
                    Clock.systemUTC())) {
                ObjectNode body = new ObjectMapper().createObjectNode().put("compartmentId", GeneratedWorld.TENANCY);
                report = guard.sweep(body, SweepProgress.NONE);
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;

            List<RecordedRequest> requests = emulator.requests();
            long throttled = requests.stream().filter(r -> r.status() == 429).count();
            long admitted = requests.size() - throttled;
            long lists = requests.stream().filter(r -> r.status() != 429 && LIST.matcher(r.path()).matches()).count();
            double floorSeconds = (double) admitted / throttle;

            ObjectNode figures = new ObjectMapper().createObjectNode();
            figures.put("resourcesGenerated", world.fates("volumes").size() * GeneratedWorld.CHECKED.size());
            figures.put("liveResources", world.liveCount());
            figures.put("compartments", world.compartments().size());
            figures.put("scanned", report.scanned());
            figures.put("errors", report.count(Status.ERROR));
            figures.put("complete", report.complete());
            figures.put("latencyMs", latencyMs);
            figures.put("throttlePerSecond", throttle);
            figures.put("concurrency", concurrency);
            figures.put("requests", requests.size());
            figures.put("throttled429", throttled);
            figures.put("admittedRequests", admitted);
            figures.put("listRequests", lists);
            figures.put("listShare", round((double) lists / admitted));
            figures.put("requestsPerResource", round((double) admitted / report.scanned()));
            figures.put("wallSeconds", round(wallSeconds));
            figures.put("floorSeconds", round(floorSeconds));
            figures.put("wallOverFloor", round(wallSeconds / floorSeconds));
            figures.put("resourcesPerSecond", round(report.scanned() / wallSeconds));
            System.out.println(figures.toPrettyString());
            if (!json.isEmpty()) {
                Files.writeString(Path.of(json), figures.toPrettyString());
            }
        }
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    private static int intArg(List<String> a, String name, int fallback) {
        return Integer.parseInt(stringArg(a, name, Integer.toString(fallback)));
    }

    private static String stringArg(List<String> a, String name, String fallback) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : fallback;
    }
}
