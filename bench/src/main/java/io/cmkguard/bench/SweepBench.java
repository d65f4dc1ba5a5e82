package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.fn.FnAnswer;
import io.cmkguard.emulator.fn.FnContainer;
import io.cmkguard.emulator.fn.FnSocketClient;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sweep throughput as OCI Functions runs it: a generated world (by default 9 996 resources in 21 nested
 * compartments) served by the emulator in its own process with a latency per request and a 429 throttle;
 * the function in its own JVM from the shipped layout; the sweep body sent with {@code POST /call} over
 * the FDK's unix socket, each call with the function timeout as its {@code Fn-Deadline}, and its
 * {@code continuation} sent back until the sweep answers {@code complete}. The floor is what the
 * throttle allows at best: requests it admitted divided by its rate. Figures only, nothing asserted.
 */
final class SweepBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API collection a request is about: /20160918/volumes/ocid... -> volumes. */
    private static final Pattern COLLECTION = Pattern.compile("^/\\d{8}/(\\w+)");
    /** A LIST is a GET of a collection (a GET of one resource has an id after it). */
    /** NativeSigning's log line, its message. */
    private static final Pattern SIGNING = Pattern.compile("\"log\":\"cmk-guard\\.native-signing[a-z-]*\",\"time\":\"[^\"]*\",\"message\":\"([^\"]*)\"");
    private static final Pattern LIST = Pattern.compile("^/\\d{8}/\\w+$");
    /** The world collection each swept resourceType lives in (the registry's), for requests per resource of a type. */
    private static final Map<String, String> TYPE_COLLECTIONS = ResourceTypes.ALL.stream()
            .collect(Collectors.toMap(ResourceType::name, ResourceType::collection));

    /**
     * @param perType         resources of each checked collection per compartment (GeneratedWorld)
     * @param latencyMs       the emulator's added latency per request
     * @param throttle        requests a second the emulator admits; past it 429 with Retry-After
     * @param concurrency     CMK_GUARD_SWEEP_CONCURRENCY
     * @param deadlineSeconds CMK_GUARD_SWEEP_DEADLINE_SECONDS: when an invocation answers a continuation
     * @param timeoutSeconds  the function timeout (func.yaml): each call's Fn-Deadline
     * @param retryAttempts   CMK_GUARD_RETRY_ATTEMPTS (times the OCI timeout must fit in the function timeout)
     * @param maxRam          the function's memory as the JVM sees it (func.yaml's memory)
     */
    record Settings(int perType, int latencyMs, int throttle, int concurrency, int deadlineSeconds,
                    int timeoutSeconds, int retryAttempts, String maxRam) {
        /** The settings at one of {@link #throttles}. */
        static Settings from(Map<String, String> options, int throttle) {
            return new Settings(number(options, "--sweep-per-type", 68), number(options, "--sweep-latency-ms", 20),
                    throttle, number(options, "--sweep-concurrency", 16),
                    number(options, "--sweep-deadline-seconds", 90), number(options, "--sweep-timeout-seconds", 120),
                    number(options, "--sweep-retry-attempts", 6), options.getOrDefault("--sweep-max-ram", "256m"));
        }

        /** {@code --sweep-throttle 60,200}: each rate is a sweep of its own (default 60 and 200 a second). */
        static List<Integer> throttles(Map<String, String> options) {
            return java.util.Arrays.stream(options.getOrDefault("--sweep-throttle", "60,200").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
        }

        private static int number(Map<String, String> options, String name, int fallback) {
            return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
        }
    }

    private final FnLayout layout;
    private final String emulatorClassPath;
    private final Path work;

    SweepBench(FnLayout layout, String emulatorClassPath, Path work) {
        this.layout = layout;
        this.emulatorClassPath = emulatorClassPath;
        this.work = work;
    }

    ObjectNode run(Settings s) throws Exception {
        GeneratedWorld generated = GeneratedWorld.generate(2, 4, s.perType(), 1);
        Path world = work.resolve("sweep-world.json");
        Files.writeString(world, JSON.writeValueAsString(generated.world().toJson()));
        System.out.printf("sweep %s: %d resources (%d live) in %d compartments, %d ms latency, throttle %d/s%n", layout.name(),
                generated.fates("volumes").size() * GeneratedWorld.CHECKED.size(), generated.liveCount(),
                generated.compartments().size(), s.latencyMs(), s.throttle());

        ObjectNode figures = JSON.createObjectNode();
        Totals totals = new Totals();
        JsonNode dump;
        double wallSeconds;
        double functionCpuSeconds;
        try (EmulatorProcess emulator = new EmulatorProcess(emulatorClassPath, world, work.resolve("sweep-dump.json"),
                List.of("--latency-ms", Integer.toString(s.latencyMs()), "--throttle", Integer.toString(s.throttle())))) {
            Path log = work.resolve("function-sweep-" + layout.name() + "-" + s.throttle() + ".log");
            Files.deleteIfExists(log); // its signing line is this run's
            try (FnContainer fn = FnContainer.start(layout.java(), layout.jvmArgs(s.maxRam()), layout.entry(),
                    config(emulator, s), log).awaitReady(Duration.ofSeconds(120));
                 FnSocketClient client = new FnSocketClient(fn.socket())) {
                long started = System.nanoTime();
                String continuation = null;
                do {
                    ObjectNode sweep = JSON.createObjectNode();
                    // the bench follows the continuations itself: the function must not also invoke itself
                    ObjectNode fields = sweep.putObject("sweep").put("compartmentId", GeneratedWorld.TENANCY)
                            .put("selfContinue", false);
                    if (continuation != null) {
                        fields.put("continuation", continuation);
                    }
                    FnAnswer answer = client.call(JSON.writeValueAsString(sweep),
                            Instant.now().plusSeconds(s.timeoutSeconds()));
                    JsonNode report = answer.status() == 200 ? JSON.readTree(answer.body()) : null;
                    if (report == null || !report.path("error").isNull()) {
                        throw new IllegalStateException("sweep invocation " + (totals.invocations + 1) + " answered "
                                + answer.status() + ": " + answer.text() + "\n" + fn.logText());
                    }
                    totals.add(report);
                    System.out.printf("sweep invocation %d: %d scanned in %d ms, complete %s%n", totals.invocations,
                            report.path("scanned").asInt(), report.path("durationMs").asLong(),
                            report.path("complete").asBoolean());
                    continuation = report.path("complete").asBoolean() ? null : report.path("continuation").asText();
                } while (continuation != null);
                wallSeconds = (System.nanoTime() - started) / 1e9;
                figures.put("functionPeakRssMb", Stats.round1(fn.peakRssMb()));
                figures.put("functionMaxRam", s.maxRam());
                Matcher line = SIGNING.matcher(fn.logText());
                figures.put("signing", line.find() ? line.group(1) : null);
                functionCpuSeconds = fn.cpu().toMillis() / 1000.0;
            }
            dump = emulator.stop();
        }

        long throttled = 0;
        long lists = 0;
        Map<String, Integer> byCollection = new TreeMap<>();
        for (JsonNode r : dump.path("requests")) {
            if (r.path("status").asInt() == 429) {
                throttled++;
                continue;
            }
            String path = r.path("path").asText();
            byCollection.merge(api(path), 1, Integer::sum);
            if (r.path("method").asText().equals("GET") && LIST.matcher(path).matches()) {
                lists++;
            }
        }
        long admitted = dump.path("requests").size() - throttled;
        double floorSeconds = (double) admitted / s.throttle();

        figures.put("resourcesGenerated", generated.fates("volumes").size() * GeneratedWorld.CHECKED.size());
        figures.put("liveResources", generated.liveCount());
        figures.put("compartments", generated.compartments().size());
        figures.put("scanned", totals.scanned);
        figures.put("errors", totals.errors);
        figures.put("nonCompliant", totals.nonCompliant);
        figures.put("everyLiveResourceScanned", totals.scanned == generated.liveCount());
        figures.put("invocations", totals.invocations);
        figures.put("latencyMs", s.latencyMs());
        figures.put("throttlePerSecond", s.throttle());
        figures.put("concurrency", s.concurrency());
        figures.put("deadlineSeconds", s.deadlineSeconds());
        figures.put("functionTimeoutSeconds", s.timeoutSeconds());
        figures.put("admittedRequests", admitted);
        figures.put("throttled429", throttled);
        figures.put("listRequests", lists);
        figures.put("requestsPerResource", Stats.round2((double) admitted / totals.scanned));
        figures.put("wallSeconds", Stats.round1(wallSeconds));
        figures.put("floorSeconds", Stats.round1(floorSeconds));
        figures.put("wallOverFloor", Stats.round2(wallSeconds / floorSeconds));
        figures.put("resourcesPerSecond", Stats.round1(totals.scanned / wallSeconds));
        // the function JVM's CPU over the whole run (start-up included): when wall is far above the floor
        // with few 429s, the function's own CPU (request signing, JSON) is what binds
        figures.put("functionCpuSeconds", Stats.round1(functionCpuSeconds));
        figures.put("functionCpuMsPerRequest", Stats.round2(functionCpuSeconds * 1000 / admitted));
        ObjectNode requests = figures.putObject("requestsByApi");
        byCollection.forEach(requests::put);
        ObjectNode perType = figures.putObject("requestsPerResourceOfType");
        totals.scannedByType.forEach((type, scanned) -> {
            String collection = TYPE_COLLECTIONS.get(type);
            if (collection != null && scanned > 0) {
                perType.put(type, Stats.round2((double) byCollection.getOrDefault(collection, 0) / scanned));
            }
        });
        return figures;
    }

    /** The API collection a swept resourceType is read from (null for a type it does not know). */
    static String collection(String resourceType) {
        return TYPE_COLLECTIONS.get(resourceType);
    }

    /**
     * The API collection a request is about, for counting: /20160918/volumes/ocid... -> volumes; Object Storage's
     * /n/NS/b/BUCKET -> buckets, /n/NS/b/BUCKET/o/NAME -> objects, /n/ -> namespace.
     */
    static String api(String path) {
        Matcher m = COLLECTION.matcher(path);
        if (m.find()) {
            return m.group(1);
        }
        if (path.equals("/n") || path.startsWith("/n/")) {
            String[] parts = path.split("/", -1); // "", "n", NS, "b", BUCKET, "o", NAME...
            return parts.length > 5 && parts[5].equals("o") ? "objects" : parts.length > 3 ? "buckets" : "namespace";
        }
        return path;
    }

    /** What the function is configured with: the emulator's wiring, audit mode, the sweep's limits. */
    private static Map<String, String> config(EmulatorProcess emulator, Settings s) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl);
        config.put("CMK_GUARD_AUTH", "config_file");
        config.put("OCI_CONFIG_FILE", emulator.ociConfigFile);
        config.put("CMK_GUARD_REGION", "us-ashburn-1");
        config.put("CMK_GUARD_MODE", "audit");
        config.put("CMK_GUARD_FUNCTION_TIMEOUT_SECONDS", Integer.toString(s.timeoutSeconds()));
        config.put("CMK_GUARD_SWEEP_DEADLINE_SECONDS", Integer.toString(s.deadlineSeconds()));
        config.put("CMK_GUARD_SWEEP_CONCURRENCY", Integer.toString(s.concurrency()));
        config.put("CMK_GUARD_RETRY_ATTEMPTS", Integer.toString(s.retryAttempts()));
        return config;
    }

    /** The invocations' reports added up: each judges its own part of the sweep. */
    private static final class Totals {
        int invocations;
        long scanned;
        long errors;
        long nonCompliant;
        final Map<String, Long> scannedByType = new TreeMap<>();

        void add(JsonNode report) {
            invocations++;
            scanned += report.path("scanned").asLong();
            errors += report.path("counts").path("ERROR").asLong();
            nonCompliant += report.path("counts").path("NON_COMPLIANT").asLong();
            report.path("byType").fields().forEachRemaining(e ->
                    scannedByType.merge(e.getKey(), e.getValue().path("scanned").asLong(), Long::sum));
        }
    }
}
