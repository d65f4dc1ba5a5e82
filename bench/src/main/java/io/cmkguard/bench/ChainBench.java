package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.functions.requests.InvokeFunctionRequest;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.util.StreamUtils;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.World;
import io.cmkguard.oci.OciClients;
import io.cmkguard.util.Csv;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduled sweep that the chain, not the bench, carries on: the bench invokes the function once through the
 * emulator's Functions API with what a schedule sends ({@code {"sweep": {"compartmentId": …}}}), and the emulator
 * (its own process) runs that invocation and every further link in the packaged function, each detached
 * invocation in a function JVM as Fn starts one (a new JVM when every one is busy: a link invokes the next before
 * it answers). The world has a report bucket, so the whole report is written and one digest published; the bench
 * waits until the last link has written {@code report.html} and the function JVMs are idle, then reads the
 * emulator's dump. Each link runs to its own call's deadline: {@code detachedModeTimeoutInSeconds} is the link time
 * plus 5 s (the function keeps up to 5 s for its answer), so the chain has several links. Figures only.
 */
final class ChainBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION = "ocid1.fnfunc.oc1.iad.cmkguardbench";
    private static final String BUCKET = "cmk-guard-reports";
    /** The sweep event of a link that ends the sweep (not "continues"), or a chain that stopped. */
    /** The last link could not write the whole report (its digest is then its own part's). */
    private static final Pattern REPORT_FAILED = Pattern.compile(
            "\"log\":\"cmk-guard\\.sweep-report-failed\",\"time\":\"[^\"]*\",\"message\":\"([^\"]*the whole report[^\"]*)\"");
    private static final Pattern LAST_LINK = Pattern.compile(
            "\"log\":\"cmk-guard\\.sweep\",\"time\":\"[^\"]*\",\"message\":\"(sweep-[0-9a-f-]+) of [^\"]*(, complete \\(|, incomplete: )"
                    + "|\"log\":\"cmk-guard\\.sweep-stopped\",\"time\":\"[^\"]*\",\"message\":\"(sweep-[0-9a-f-]+)");

    /**
     * @param resources   resources to generate (rounded to the generated world's grain: 210 = 21 compartments
     *                    times 10 checked collections)
     * @param linkSeconds how long each link sweeps (CMK_GUARD_SWEEP_DEADLINE_SECONDS for the first; the detached
     *                    timeout less the function's 5 s margin for the others)
     * @param maxRam      the function's memory (the world function's memoryInMBs, the JVM's MaxRAM)
     */
    record Settings(int resources, int latencyMs, int throttle, int concurrency, int linkSeconds, int retryAttempts,
                    int maxInvocations, int maxRamMb) {
        static Settings from(Map<String, String> options) {
            return new Settings(number(options, "--chain-resources", 50_000), number(options, "--sweep-latency-ms", 20),
                    number(options, "--chain-throttle", 60), number(options, "--sweep-concurrency", 16),
                    number(options, "--chain-link-seconds", 90), number(options, "--sweep-retry-attempts", 6),
                    number(options, "--chain-max-invocations", 24), number(options, "--chain-max-ram-mb", 256));
        }

        /** Resources of each checked collection per compartment. */
        int perType() {
            return Math.max(2, Math.round(resources / (21f * GeneratedWorld.CHECKED.size())));
        }

        private static int number(Map<String, String> options, String name, int fallback) {
            return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
        }
    }

    private final FnLayout layout;
    private final String emulatorClassPath;
    private final Path work;

    ChainBench(FnLayout layout, String emulatorClassPath, Path work) {
        this.layout = layout;
        this.emulatorClassPath = emulatorClassPath;
        this.work = work;
    }

    ObjectNode run(Settings s) throws Exception {
        GeneratedWorld generated = GeneratedWorld.generate(2, 4, s.perType(), 1);
        int resourcesGenerated = generated.fates("volumes").size() * GeneratedWorld.CHECKED.size();
        int live = generated.liveCount() + 1; // and the report bucket, on the key
        Path world = work.resolve("chain-world.json");
        Files.writeString(world, JSON.writeValueAsString(world(generated, s).toJson()));
        Path config = work.resolve("chain-function.config");
        Files.writeString(config, config(s));
        Path log = work.resolve("function-chain.log");
        Files.deleteIfExists(log);
        System.out.printf("chain: %d resources (%d live) in %d compartments, %d ms latency, throttle %d/s, links of %d s,"
                        + " function %d MB%n", resourcesGenerated, live, generated.compartments().size(), s.latencyMs(),
                s.throttle(), s.linkSeconds(), s.maxRamMb());

        JsonNode dump;
        Map<Long, FunctionJvms.Reading> jvms;
        String sweepId;
        Optional<String> reportFailure;
        double waitedSeconds;
        try (EmulatorProcess emulator = new EmulatorProcess(emulatorClassPath, world, work.resolve("chain-dump.json"),
                List.of("--latency-ms", Integer.toString(s.latencyMs()), "--throttle", Integer.toString(s.throttle()),
                        "--function", layout.dir().toString(), "--fn-runtime", layout.runtime().toString(),
                        "--function-config", config.toString(), "--function-log", log.toString()));
             FunctionJvms watched = new FunctionJvms(emulator.handle());
             OciClients bench = clients(emulator)) {
            long started = System.nanoTime();
            String scheduled = "{\"sweep\": {\"compartmentId\": \"" + GeneratedWorld.TENANCY + "\"}}";
            bench.functionsInvoke(emulator.baseUrl).invokeFunction(InvokeFunctionRequest.builder().functionId(FUNCTION)
                    .fnInvokeType(InvokeFunctionRequest.FnInvokeType.Detached)
                    .invokeFunctionBody(StreamUtils.createByteArrayInputStream(scheduled.getBytes(StandardCharsets.UTF_8)))
                    .build());
            Duration limit = Duration.ofSeconds((long) (s.linkSeconds() + 60) * s.maxInvocations());
            LogTail tail = new LogTail(log);
            sweepId = awaitLastLink(tail, limit, started);
            System.out.println("chain: the sweep's last link ran (" + sweepId + "); waiting for its report");
            reportFailure = awaitReport(bench, tail, "sweeps/" + sweepId + "/report.html", Duration.ofMinutes(10));
            reportFailure.ifPresent(why -> System.out.println("chain: the report was not written whole: " + why));
            awaitIdle(watched, Duration.ofMinutes(5));
            waitedSeconds = (System.nanoTime() - started) / 1e9;
            jvms = watched.readings();
            dump = emulator.stop();
        }
        ObjectNode figures = figures(s, generated, resourcesGenerated, live, sweepId, dump, jvms, waitedSeconds);
        figures.put("reportFailure", reportFailure.orElse(null));
        return figures;
    }

    private ObjectNode figures(Settings s, GeneratedWorld generated, int resourcesGenerated, int live, String sweepId,
                               JsonNode dump, Map<Long, FunctionJvms.Reading> jvms, double waitedSeconds)
            throws IOException {
        List<JsonNode> invocations = new ArrayList<>();
        dump.path("invocations").forEach(invocations::add);
        Instant first = invocations.stream().map(i -> Instant.parse(i.path("timeReceived").asText()))
                .min(Comparator.naturalOrder()).orElseThrow();
        Instant last = invocations.stream().filter(i -> i.hasNonNull("timeFinished"))
                .map(i -> Instant.parse(i.path("timeFinished").asText())).max(Comparator.naturalOrder()).orElse(first);
        double wallSeconds = Duration.between(first, last).toMillis() / 1000.0;
        List<Double> linkSeconds = invocations.stream().filter(i -> i.hasNonNull("timeFinished"))
                .map(i -> Duration.between(Instant.parse(i.path("timeReceived").asText()),
                        Instant.parse(i.path("timeFinished").asText())).toMillis() / 1000.0).toList();
        long succeeded = invocations.stream().filter(i -> i.path("status").asText().equals("SUCCEEDED")).count();

        // the bench's own requests: its one InvokeFunction and its HeadObject polls (the function never HEADs)
        long admitted = 0;
        long throttled = 0;
        long benchRequests = 1;
        Map<String, Integer> byApi = new TreeMap<>();
        for (JsonNode r : dump.path("requests")) {
            if (r.path("method").asText().equals("HEAD")) {
                continue;
            }
            if (r.path("status").asInt() == 429) {
                throttled++;
                continue;
            }
            admitted++;
            byApi.merge(SweepBench.api(r.path("path").asText()), 1, Integer::sum);
        }
        admitted -= benchRequests;
        byApi.merge("functions", -1, Integer::sum);
        double floorSeconds = (double) admitted / s.throttle();

        JsonNode whole = object(dump, "sweeps/" + sweepId + "/report.json").map(ChainBench::read).orElse(null);
        long scanned = whole == null ? 0 : whole.path("scanned").asLong();
        // every resource judged is a row of resources.csv (report.json counts them)
        List<List<String>> rows = object(dump, "sweeps/" + sweepId + "/resources.csv").map(Csv::read)
                .orElse(List.of());
        int idColumn = rows.isEmpty() ? -1 : rows.get(0).indexOf("resourceId");
        Set<String> judged = new HashSet<>();
        rows.stream().skip(1).forEach(row -> judged.add(row.get(idColumn)));
        double cpuSeconds = jvms.values().stream().mapToLong(r -> r.cpu().toMillis()).sum() / 1000.0;

        ObjectNode figures = JSON.createObjectNode();
        figures.put("resourcesGenerated", resourcesGenerated);
        figures.put("liveResources", live);
        figures.put("compartments", generated.compartments().size());
        figures.put("sweepId", sweepId);
        figures.put("reportWritten", whole != null);
        figures.put("scanned", scanned);
        figures.put("csvRows", Math.max(0, rows.size() - 1));
        figures.put("distinctResourcesInCsv", judged.size());
        figures.put("everyLiveResourceJudgedOnce", scanned == live && rows.size() - 1 == live && judged.size() == live);
        figures.put("complete", whole != null && whole.path("complete").asBoolean());
        figures.put("nonCompliant", whole == null ? 0 : whole.path("counts").path("NON_COMPLIANT").asLong());
        figures.put("errors", whole == null ? 0 : whole.path("counts").path("ERROR").asLong());
        figures.put("digests", dump.path("messages").size());
        figures.put("invocations", invocations.size());
        figures.put("invocationsSucceeded", succeeded);
        figures.putPOJO("linkSeconds", linkSeconds.stream().map(Stats::round1).toList());
        figures.put("linkDeadlineSeconds", s.linkSeconds());
        figures.put("maxInvocations", s.maxInvocations());
        figures.put("latencyMs", s.latencyMs());
        figures.put("throttlePerSecond", s.throttle());
        figures.put("concurrency", s.concurrency());
        figures.put("admittedRequests", admitted);
        figures.put("throttled429", throttled);
        figures.put("requestsPerResource", scanned == 0 ? 0 : Stats.round2((double) admitted / scanned));
        figures.put("wallSeconds", Stats.round1(wallSeconds));
        figures.put("floorSeconds", Stats.round1(floorSeconds));
        figures.put("wallOverFloor", Stats.round2(wallSeconds / floorSeconds));
        figures.put("benchWaitedSeconds", Stats.round1(waitedSeconds));
        figures.put("resourcesPerSecond", Stats.round1(scanned / wallSeconds));
        figures.put("functionJvms", jvms.size());
        figures.put("functionCpuSeconds", Stats.round1(cpuSeconds));
        figures.put("functionCpuMsPerRequest", Stats.round2(cpuSeconds * 1000 / admitted));
        figures.put("functionPeakRssMb", Stats.round1(jvms.values().stream().mapToDouble(FunctionJvms.Reading::peakRssMb)
                .max().orElse(0)));
        figures.putPOJO("functionPeakRssMbEach", jvms.values().stream().map(r -> Stats.round1(r.peakRssMb())).toList());
        figures.put("functionMaxRam", s.maxRamMb() + "m");
        ObjectNode objects = figures.putObject("reportObjectsKb");
        for (String name : List.of("report.json", "resources.csv", "report.html")) {
            objects.put(name, object(dump, "sweeps/" + sweepId + "/" + name).map(t -> t.length() / 1024).orElse(-1));
        }
        ObjectNode perType = figures.putObject("requestsPerResourceOfType");
        if (whole != null) {
            whole.path("byType").fields().forEachRemaining(e -> {
                String api = SweepBench.collection(e.getKey());
                long n = e.getValue().path("scanned").asLong();
                if (api != null && n > 0) {
                    perType.put(e.getKey(), Stats.round2((double) byApi.getOrDefault(api, 0) / n));
                }
            });
        }
        ObjectNode requests = figures.putObject("requestsByApi");
        byApi.forEach(requests::put);
        return figures;
    }

    /** The generated world with the function (its detached timeout: the link time plus the 5 s margin) and its bucket. */
    private static World world(GeneratedWorld generated, Settings s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode function = f.objectNode().put("id", FUNCTION).put("displayName", "cmk-guard")
                .put("applicationId", "ocid1.fnapp.oc1.iad.cmkguardbench").put("compartmentId", GeneratedWorld.TENANCY)
                .put("lifecycleState", "ACTIVE").put("memoryInMBs", s.maxRamMb()).put("timeoutInSeconds", 120)
                .put("detachedModeTimeoutInSeconds", s.linkSeconds() + 5);
        ObjectNode bucket = f.objectNode().put("namespace", GeneratedWorld.NAMESPACE).put("name", BUCKET)
                .put("compartmentId", GeneratedWorld.TENANCY).put("id", "ocid1.bucket.oc1.iad.cmkguardreports")
                .put("kmsKeyId", GeneratedWorld.KEY);
        return generated.world().with("functions", function).with("buckets", bucket);
    }

    /** The function's configuration as deployed for a scheduled sweep: notify mode, the bucket, a shared key. */
    private static String config(Settings s) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return String.join("\n",
                "CMK_GUARD_OCI_ENDPOINT=@EMULATOR_URL@",
                "CMK_GUARD_AUTH=config_file",
                "OCI_CONFIG_FILE=@OCI_CONFIG_FILE@",
                "CMK_GUARD_REGION=us-ashburn-1",
                "CMK_GUARD_MODE=notify",
                "CMK_GUARD_TOPIC_ID=" + GeneratedWorld.TOPIC,
                "CMK_GUARD_FUNCTION_TIMEOUT_SECONDS=120",
                "CMK_GUARD_SWEEP_DEADLINE_SECONDS=" + s.linkSeconds(),
                "CMK_GUARD_SWEEP_CONCURRENCY=" + s.concurrency(),
                "CMK_GUARD_RETRY_ATTEMPTS=" + s.retryAttempts(),
                "CMK_GUARD_REPORT_BUCKET=" + BUCKET,
                "CMK_GUARD_SWEEP_MAX_INVOCATIONS=" + s.maxInvocations(),
                "CMK_GUARD_CONTINUATION_KEY=" + Base64.getEncoder().encodeToString(key)) + "\n";
    }

    /** The bench's own clients, signing with the emulator's generated key. */
    private static OciClients clients(EmulatorProcess emulator) throws IOException {
        var provider = new ConfigFileAuthenticationDetailsProvider(
                ConfigFileReader.parse(emulator.ociConfigFile, "DEFAULT"));
        return new OciClients(provider, Optional.of("us-ashburn-1"), Optional.of(URI.create(emulator.baseUrl)), 1,
                Duration.ofSeconds(60)); // 1 attempt: a detached invoke is sent once
    }

    /** The function log's complete lines as it grows. */
    private static final class LogTail {
        private final Path log;
        private long position;
        private final StringBuilder pending = new StringBuilder();

        LogTail(Path log) {
            this.log = log;
        }

        /** Lines to read again first. */
        void putBack(String lines) {
            pending.insert(0, lines);
        }

        /** The lines written since the last call. */
        String next() throws IOException {
            if (!Files.exists(log)) {
                return "";
            }
            try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
                if (in.length() > position) {
                    in.seek(position);
                    byte[] bytes = new byte[(int) Math.min(in.length() - position, 64 << 20)];
                    in.readFully(bytes);
                    position += bytes.length;
                    pending.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            int end = pending.lastIndexOf("\n");
            if (end < 0) {
                return "";
            }
            String lines = pending.substring(0, end + 1);
            pending.delete(0, end + 1);
            return lines;
        }
    }

    /** Reads the function log until a link ends the sweep; returns the sweep's id. */
    private static String awaitLastLink(LogTail log, Duration limit, long started) throws Exception {
        long lastProgress = 0;
        while (System.nanoTime() - started < limit.toNanos()) {
            String lines = log.next();
            Matcher m = LAST_LINK.matcher(lines);
            if (m.find()) {
                log.putBack(lines.substring(m.end())); // what the last link logged after, for awaitReport
                return m.group(1) != null ? m.group(1) : m.group(3);
            }
            long minutes = (System.nanoTime() - started) / 60_000_000_000L;
            if (minutes > lastProgress) {
                lastProgress = minutes;
                System.out.printf("chain: %d min%n", lastProgress);
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no link ended the sweep within " + limit);
    }

    /**
     * Until the object is written, or the log says the whole report could not be: returns that line's message,
     * empty when the object was written.
     */
    private static Optional<String> awaitReport(OciClients bench, LogTail log, String name, Duration limit)
            throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Matcher failed = REPORT_FAILED.matcher(log.next());
            if (failed.find()) {
                return Optional.of(failed.group(1));
            }
            try {
                bench.objectStorage().headObject(HeadObjectRequest.builder().namespaceName(GeneratedWorld.NAMESPACE)
                        .bucketName(BUCKET).objectName(name).build());
                return Optional.empty();
            } catch (BmcException e) {
                if (e.getStatusCode() != 404 && e.getStatusCode() != 429) { // the bench's polls share the throttle
                    throw e;
                }
            }
            Thread.sleep(2000);
        }
        return Optional.of(name + " was not written within " + limit);
    }

    /** Until the function JVMs' CPU time stands still for 3 s: the last link has answered. */
    private static void awaitIdle(FunctionJvms jvms, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        Duration before = jvms.read();
        int still = 0;
        while (still < 6 && System.nanoTime() < end) {
            Thread.sleep(500);
            Duration now = jvms.read();
            still = now.equals(before) ? still + 1 : 0;
            before = now;
        }
    }

    private static Optional<String> object(JsonNode dump, String name) {
        for (JsonNode o : dump.path("objects")) {
            if (o.path("name").asText().equals(name)) {
                return Optional.of(o.path("content").asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("report.json is not JSON", e);
        }
    }
}
