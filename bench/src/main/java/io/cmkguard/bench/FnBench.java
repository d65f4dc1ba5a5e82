package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.fn.FnAnswer;
import io.cmkguard.emulator.fn.FnContainer;
import io.cmkguard.emulator.fn.FnSocketClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Cold start and warm figures of the function as OCI Functions runs it: a fresh JVM per cold start
 * from the shipped layout (layout.sh), the FDK's http-stream over the unix socket, the emulator in
 * its own process. Figures only, nothing asserted. See bench/run.sh for the command.
 * <p>Usage: {@code FnBench --runtime DIR --emulator-cp CP --samples DIR --layout NAME=DIR...
 * [--runs N] [--warm-events N] [--output FILE] [--skip-sweep | --sweep-only] [--sweep-OPTION N]...};
 * layouts {@code cmkGuard} and {@code helloWorld} are required, any other is an extra cold-start variant
 * (e.g. another JVM) measured in the same rounds; {@code --compare NAME} also measures that layout warm and
 * in the sweep (e.g. the JDK signing every request: the figures before native signing, in the same run).
 * The sweep's options are {@link SweepBench.Settings}'s; {@code --sweep-throttle} takes a list (60,200).
 * {@code --chain-resources N} adds a sweep that carries itself on ({@link ChainBench}; its options are
 * {@link ChainBench.Settings}'s), {@code --chain-only} runs nothing else.
 */
public final class FnBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOLUME = "ocid1.volume.oc1.iad.voloracle";
    private static final String REMEDIATE_SAMPLE = "blockvolumes.createvolume.end--oracle-managed.json";
    private static final String KEY = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    private static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";
    private static final List<String> MAX_RAM = List.of("128m", "256m");
    private static final int EMULATOR_WARM_UP_EVENTS = 40;
    /** NativeSigning's one log line (cmk-guard.native-signing or .native-signing-unavailable). */
    private static final java.util.regex.Pattern SIGNING_LINE =
            java.util.regex.Pattern.compile("\"log\":\"cmk-guard\\.(native-signing[a-z-]*)\",\"time\":\"[^\"]*\",\"message\":\"([^\"]*)\"");
    private static final java.util.regex.Pattern LOADED_IN = java.util.regex.Pattern.compile("loaded in (\\d+) ms");
    /** Options without a value. */
    private static final List<String> FLAGS = List.of("--skip-sweep", "--sweep-only", "--chain-only");

    private final Map<String, FnLayout> layouts;
    private final Path samples;
    private final Path work;
    private final String emulatorClassPath;

    private FnBench(Map<String, FnLayout> layouts, Path samples, Path work, String emulatorClassPath) {
        this.layouts = layouts;
        this.samples = samples;
        this.work = work;
        this.emulatorClassPath = emulatorClassPath;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, FnLayout> layouts = new LinkedHashMap<>();
        List<String> compared = new ArrayList<>(List.of("cmkGuard"));
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (FLAGS.contains(option)) {
                options.put(option, "true");
                continue;
            }
            if (++i == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (option.equals("--layout")) {
                String[] nameDir = args[i].split("=", 2);
                layouts.put(nameDir[0], new FnLayout(nameDir[0], Path.of(nameDir[1]).toAbsolutePath(), null));
            } else if (option.equals("--compare")) {
                compared.add(args[i]);
            } else {
                options.put(option, args[i]);
            }
        }
        Path runtime = Path.of(require(options, "--runtime")).toAbsolutePath();
        for (var e : layouts.entrySet()) {
            e.setValue(new FnLayout(e.getKey(), e.getValue().dir(), runtime));
        }
        if (!layouts.containsKey("cmkGuard") || !layouts.containsKey("helloWorld")) {
            throw new IllegalArgumentException("--layout cmkGuard=DIR and --layout helloWorld=DIR are required");
        }
        if (!layouts.keySet().containsAll(compared)) {
            throw new IllegalArgumentException("--compare names a layout not given with --layout: " + compared);
        }
        Path work = Files.createDirectories(Path.of(options.getOrDefault("--work", "bench/target/fn-bench")));
        FnBench bench = new FnBench(layouts, Path.of(require(options, "--samples")), work,
                require(options, "--emulator-cp"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "7"));
        int warmEvents = Integer.parseInt(options.getOrDefault("--warm-events", "1000"));

        boolean chainOnly = options.containsKey("--chain-only");
        boolean sweepOnly = chainOnly || options.containsKey("--sweep-only");
        ObjectNode report = JSON.createObjectNode();
        report.set("cold", sweepOnly ? JSON.nullNode() : bench.cold(runs));
        boolean warm = !sweepOnly && warmEvents > 0;
        ObjectNode warmCompared = JSON.createObjectNode();
        for (String name : compared) {
            warmCompared.set(name, warm ? bench.warm(layouts.get(name), warmEvents) : JSON.nullNode());
        }
        report.set("warm", warmCompared.get("cmkGuard")); // the shipped layout, as before --compare
        report.set("warmCompared", warm && compared.size() > 1 ? warmCompared : JSON.nullNode());
        ArrayNode sweeps = JSON.createArrayNode();
        if (!options.containsKey("--skip-sweep") && !chainOnly) {
            List<String> order = new ArrayList<>(compared);
            for (int throttle : SweepBench.Settings.throttles(options)) {
                for (String name : order) {
                    sweeps.add(new SweepBench(layouts.get(name), bench.emulatorClassPath, work)
                            .run(SweepBench.Settings.from(options, throttle)).put("layout", name));
                }
                Collections.reverse(order); // the order alternates from throttle to throttle
            }
        }
        report.set("sweep", sweeps.isEmpty() ? JSON.nullNode() : sweeps.get(0)); // cmkGuard at the first throttle
        report.set("sweeps", sweeps.isEmpty() ? JSON.nullNode() : sweeps);
        boolean chain = !options.containsKey("--skip-sweep")
                && Integer.parseInt(options.getOrDefault("--chain-resources", "0")) > 0;
        report.set("chain", chain ? new ChainBench(layouts.get("cmkGuard"), bench.emulatorClassPath, work)
                .run(ChainBench.Settings.from(options)) : JSON.nullNode());
        Table.print(report, System.out);
        if (options.containsKey("--output")) {
            Files.writeString(Path.of(options.get("--output")), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            System.out.println("written: " + options.get("--output"));
        }
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    // ---- cold start -------------------------------------------------------------------------

    /** A fresh JVM per run, every layout at both MaxRAM settings in each round, in alternating order. */
    private ObjectNode cold(int runs) throws Exception {
        int volumes = 2 * runs * MAX_RAM.size() * layouts.size() + EMULATOR_WARM_UP_EVENTS; // two events a run
        Path world = work.resolve("cold-world.json");
        Files.writeString(world, JSON.writeValueAsString(worldWithVolumeCopies(volumes)));
        String event = Files.readString(samples.resolve(REMEDIATE_SAMPLE));
        Map<String, Map<String, List<ColdRun>>> results = new LinkedHashMap<>();
        layouts.keySet().forEach(name -> results.put(name, new LinkedHashMap<>()));
        int volume = 0;
        try (EmulatorProcess emulator = new EmulatorProcess(emulatorClassPath, world, work.resolve("cold-dump.json"))) {
            volume = warmUpEmulator(emulator, event);
            for (int round = 0; round < runs; round++) {
                List<String> order = new ArrayList<>(layouts.keySet());
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String maxRam : MAX_RAM) {
                    for (String name : order) {
                        FnLayout layout = layouts.get(name);
                        boolean guard = !name.startsWith("hello"); // a hello-world variant (e.g. on another JVM) answers "world"
                        String volumeId = VOLUME + "copy" + (volume++);
                        String secondVolumeId = VOLUME + "copy" + (volume++);
                        ColdRun run = coldRun(layout, maxRam, guard ? remediateConfig(emulator) : Map.of(),
                                guard ? event.replace(VOLUME, volumeId) : "world",
                                guard ? Optional.of(event.replace(VOLUME, secondVolumeId)) : Optional.empty());
                        if (guard && !run.answer.contains("\"REMEDIATED\"")) {
                            throw new IllegalStateException(name + " did not remediate: " + run.answer);
                        }
                        results.get(name).computeIfAbsent(maxRam, k -> new ArrayList<>()).add(run);
                        System.out.printf("cold %-16s MaxRAM=%s  %5d ms  CPU %5d ms  peak RSS %5.1f MB%s%n", name,
                                maxRam, run.millis, run.cpuMillis, run.peakRssMb, run.second.map(s -> String.format(
                                        "  | 2nd %4d ms, to signing settled CPU %4d ms, load %s ms, RSS %5.1f MB",
                                        s.millis, s.cpuMillis, s.loadMillis.map(Object::toString).orElse("-"), s.rssMb))
                                        .orElse(""));
                    }
                }
            }
        }
        ObjectNode cold = JSON.createObjectNode();
        results.forEach((name, byRam) -> {
            ObjectNode node = cold.putObject(name);
            List<Long> times = byRam.get("128m").stream().map(r -> r.millis).toList();
            node.put("medianMs", Stats.median(times));
            node.put("minMs", Stats.min(times));
            node.put("maxMs", Stats.max(times));
            node.put("cpuMedianMs", Stats.median(byRam.get("128m").stream().map(r -> r.cpuMillis).toList()));
            node.put("medianMs256", Stats.median(byRam.get("256m").stream().map(r -> r.millis).toList()));
            node.put("peakRssMb128", Stats.round1(byRam.get("128m").stream().mapToDouble(r -> r.peakRssMb).max().orElse(0)));
            node.put("peakRssMb256", Stats.round1(byRam.get("256m").stream().mapToDouble(r -> r.peakRssMb).max().orElse(0)));
            node.put("runs", times.size());
            List<SecondAnswer> seconds = byRam.get("128m").stream().flatMap(r -> r.second.stream()).toList();
            if (!seconds.isEmpty()) {
                node.put("secondAnswerMedianMs", Stats.median(seconds.stream().map(s -> s.millis).toList()));
                node.put("afterFirstAnswerCpuMedianMs", Stats.median(seconds.stream().map(s -> s.cpuMillis).toList()));
                List<Long> loads = seconds.stream().flatMap(s -> s.loadMillis.stream()).toList();
                node.put("nativeLoadMedianMs", loads.isEmpty() ? null : Stats.median(loads));
                node.put("rssAfterLoadMedianMb128", Stats.round1(Stats.median(seconds.stream()
                        .map(s -> Math.round(s.rssMb * 10)).toList()) / 10.0));
                node.put("signing", seconds.get(seconds.size() - 1).signingLine);
            }
        });
        cold.put("ratio", Stats.round2(cold.path("cmkGuard").path("medianMs").asDouble()
                / cold.path("helloWorld").path("medianMs").asDouble()));
        return cold;
    }

    /**
     * The emulator stands in for OCI, whose own warm-up is not what a cold start measures: before the
     * first round, one throwaway function JVM remediates a few volume copies through it (every call of
     * the cold path: GET, key, update, re-read, publish), so its JIT has compiled what it will serve.
     *
     * @return the number of volume copies used
     */
    private int warmUpEmulator(EmulatorProcess emulator, String event) {
        FnLayout layout = layouts.get("cmkGuard");
        try (FnContainer fn = FnContainer.start(layout.java(), layout.jvmArgs("256m"), layout.entry(),
                remediateConfig(emulator), work.resolve("function-emulator-warm-up.log")).awaitReady(Duration.ofSeconds(120));
             FnSocketClient client = new FnSocketClient(fn.socket())) {
            for (int i = 0; i < EMULATOR_WARM_UP_EVENTS; i++) {
                client.call(event.replace(VOLUME, VOLUME + "copy" + i), Instant.now().plusSeconds(60));
            }
        }
        return EMULATOR_WARM_UP_EVENTS;
    }

    /**
     * @param cpuMillis the function JVM's CPU time (all threads) up to its answer: steadier than wall time on a busy machine
     * @param second    what followed the first answer, when a second event was sent
     */
    private record ColdRun(long millis, long cpuMillis, double peakRssMb, String answer, Optional<SecondAnswer> second) {
    }

    /**
     * The second event of a fresh JVM, which starts native signing's load in the background.
     *
     * @param millis      the second answer's latency
     * @param cpuMillis   the JVM's CPU from the first answer until signing settled (the log line): the second
     *                    event plus the provider's load; a layout without a provider gives the event alone
     * @param loadMillis  the load's own wall time, as logged
     * @param rssMb       resident memory once signing settled
     * @param signingLine the log line's kind and message
     */
    private record SecondAnswer(long millis, long cpuMillis, Optional<Long> loadMillis, double rssMb, String signingLine) {
    }

    /** JVM start to the complete answer of the first call, over the socket; then the second call, if any. */
    private ColdRun coldRun(FnLayout layout, String maxRam, Map<String, String> config, String body,
                            Optional<String> secondBody) {
        Path log = work.resolve("function-" + layout.name() + ".log");
        long start = System.nanoTime();
        try (FnContainer fn = FnContainer.start(layout.java(), layout.jvmArgs(maxRam), layout.entry(), config, log)
                .awaitReady(Duration.ofSeconds(120));
             FnSocketClient client = new FnSocketClient(fn.socket())) {
            FnAnswer answer = client.call(body, Instant.now().plusSeconds(60));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (answer.status() != 200) {
                throw new IllegalStateException(layout.name() + " answered " + answer.status() + ": " + answer.text()
                        + "\n" + fn.logText());
            }
            Duration cpu = fn.cpu();
            double peakRssMb = fn.peakRssMb();
            int logOffset = fn.logText().length();
            Optional<SecondAnswer> second = secondBody.map(next -> secondAnswer(layout, fn, client, next, cpu, logOffset));
            return new ColdRun(millis, cpu.toMillis(), peakRssMb, answer.text(), second);
        }
    }

    private static SecondAnswer secondAnswer(FnLayout layout, FnContainer fn, FnSocketClient client, String body,
                                             Duration cpuAtFirstAnswer, int logOffset) {
        long start = System.nanoTime();
        FnAnswer answer = client.call(body, Instant.now().plusSeconds(60));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (answer.status() != 200 || !answer.text().contains("\"REMEDIATED\"")) {
            throw new IllegalStateException(layout.name() + " did not remediate its second event: " + answer.text());
        }
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        java.util.regex.Matcher line;
        while (!(line = SIGNING_LINE.matcher(fn.logText().substring(logOffset))).find()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException(layout.name() + " logged no native-signing line after its second event:\n"
                        + fn.logText().substring(logOffset));
            }
            sleep(10);
        }
        java.util.regex.Matcher loaded = LOADED_IN.matcher(line.group(2));
        return new SecondAnswer(millis, fn.cpu().minus(cpuAtFirstAnswer).toMillis(),
                loaded.find() ? Optional.of(Long.parseLong(loaded.group(1))) : Optional.empty(), fn.rssMb(),
                line.group(1) + ": " + line.group(2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> remediateConfig(EmulatorProcess emulator) {
        Map<String, String> config = new LinkedHashMap<>(wiring(emulator));
        config.put("CMK_GUARD_MODE", "remediate");
        config.put("CMK_GUARD_KMS_KEY_ID", KEY);
        return config;
    }

    private static Map<String, String> wiring(EmulatorProcess emulator) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl);
        config.put("CMK_GUARD_AUTH", "config_file");
        config.put("OCI_CONFIG_FILE", emulator.ociConfigFile);
        config.put("CMK_GUARD_REGION", "us-ashburn-1");
        config.put("CMK_GUARD_TOPIC_ID", TOPIC);
        return config;
    }

    /** The demo world plus copies of its Oracle-managed volume, so every cold run remediates a fresh one. */
    private static ObjectNode worldWithVolumeCopies(int copies) {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        ArrayNode volumes = (ArrayNode) world.get("volumes");
        JsonNode original = null;
        for (JsonNode v : volumes) {
            if (v.path("id").asText().equals(VOLUME)) {
                original = v;
            }
        }
        if (original == null) {
            throw new IllegalStateException("the demo world lost " + VOLUME);
        }
        for (int i = 0; i < copies; i++) {
            ObjectNode copy = original.deepCopy();
            copy.put("id", VOLUME + "copy" + i);
            volumes.add(copy);
        }
        return world;
    }

    // ---- warm -------------------------------------------------------------------------------

    /** One warm function (MaxRAM=128m, notify mode) over every sample event in turn. */
    private ObjectNode warm(FnLayout layout, int events) throws Exception {
        List<Path> sampleFiles;
        try (Stream<Path> files = Files.list(samples)) {
            sampleFiles = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<String> bodies = new ArrayList<>();
        for (Path f : sampleFiles) {
            bodies.add(Files.readString(f));
        }
        Path world = work.resolve("warm-world.json");
        Files.writeString(world, JSON.writeValueAsString(OciEmulator.demoWorld().toJson()));
        List<Long> nanos = new ArrayList<>();
        List<Double> eventCpuMs = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        ObjectNode warm = JSON.createObjectNode();
        JsonNode dump;
        try (EmulatorProcess emulator = new EmulatorProcess(emulatorClassPath, world, work.resolve("warm-dump.json"))) {
            Map<String, String> config = wiring(emulator);
            config.put("CMK_GUARD_MODE", "notify");
            Path log = work.resolve("function-warm-" + layout.name() + ".log");
            Files.deleteIfExists(log); // its signing line is this run's
            try (FnContainer fn = FnContainer.start(layout.java(), layout.jvmArgs("128m"), layout.entry(), config,
                    log).awaitReady(Duration.ofSeconds(120));
                 FnSocketClient client = new FnSocketClient(fn.socket())) {
                client.call(bodies.get(0), Instant.now().plusSeconds(60)); // the cold first call is not a warm figure
                Duration cpuBefore = fn.cpu();
                for (int i = 0; i < events; i++) {
                    String body = bodies.get(i % bodies.size());
                    emulator.mark(i);
                    Duration cpuAtStart = fn.cpu();
                    long t = System.nanoTime();
                    FnAnswer answer = client.call(body, Instant.now().plusSeconds(60));
                    nanos.add(System.nanoTime() - t);
                    eventCpuMs.add(fn.cpu().minus(cpuAtStart).toNanos() / 1e6);
                    if (answer.status() != 200) {
                        throw new IllegalStateException("warm event " + i + " answered " + answer.status());
                    }
                    eventTypes.add(JSON.readTree(body).path("eventType").asText());
                    if (i + 1 == 100) {
                        warm.put("rssMbAfter100", Stats.round1(fn.rssMb()));
                        warm.put("threadsAfter100", fn.threads());
                    }
                }
                double cpuMs = (fn.cpu().minus(cpuBefore)).toNanos() / 1e6;
                List<Long> micros = nanos.stream().map(n -> n / 1000).sorted().toList();
                warm.put("events", events);
                warm.put("p50Ms", Stats.round2(Stats.percentile(micros, 50) / 1000.0));
                warm.put("p99Ms", Stats.round2(Stats.percentile(micros, 99) / 1000.0));
                warm.put("cpuMsPerEvent", Stats.round2(cpuMs / events));
                warm.put("rssMbAfter1000", Stats.round1(fn.rssMb()));
                warm.put("threadsAfter1000", fn.threads());
                warm.put("peakRssMb", Stats.round1(fn.peakRssMb()));
                java.util.regex.Matcher line = SIGNING_LINE.matcher(fn.logText());
                warm.put("signing", line.find() ? line.group(1) + ": " + line.group(2) : null);
            }
            dump = emulator.stop();
        }
        int[] requests = countRequests(dump, eventTypes, warm);
        splitCpu(eventCpuMs, requests, warm);
        return warm;
    }

    /**
     * The function's CPU per event split into a part per OCI request (signing, HTTP, JSON) and the rest
     * (parsing the event, judging, logging, answering): a least-squares line through every event's CPU
     * against its request count. Per-event CPU is read in the kernel's 10 ms ticks, so single events are
     * coarse; over a thousand events the fit is not. The same fit over the second half of the events
     * shows what is left once the JIT has compiled the paths (its compilations count in the first half).
     */
    private static void splitCpu(List<Double> cpuMs, int[] requests, ObjectNode warm) {
        int n = Math.min(cpuMs.size(), requests.length);
        double[] all = fit(cpuMs, requests, 0, n);
        warm.put("cpuMsPerRequest", Stats.round2(all[0]));
        warm.put("cpuMsPerEventBeyondRequests", Stats.round2(all[1]));
        double[] secondHalf = fit(cpuMs, requests, n / 2, n);
        warm.put("cpuMsPerRequestSecondHalf", Stats.round2(secondHalf[0]));
        warm.put("cpuMsPerEventBeyondRequestsSecondHalf", Stats.round2(secondHalf[1]));
    }

    /** {slope, intercept} of CPU ms against requests over events [from, to). */
    private static double[] fit(List<Double> cpuMs, int[] requests, int from, int to) {
        int n = to - from;
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < to; i++) {
            meanX += requests[i];
            meanY += cpuMs.get(i);
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            sxy += (requests[i] - meanX) * (cpuMs.get(i) - meanY);
            sxx += (requests[i] - meanX) * (requests[i] - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {slope, meanY - slope * meanX};
    }

    /** OCI requests per event, overall and per event type, from the emulator's log split by the markers. */
    private static int[] countRequests(JsonNode dump, List<String> eventTypes, ObjectNode warm) {
        int[] perEvent = new int[eventTypes.size()];
        int current = -1;
        for (JsonNode r : dump.path("requests")) {
            String path = r.path("path").asText();
            if (path.startsWith("/bench-marker/")) {
                current = Integer.parseInt(path.substring("/bench-marker/".length()));
            } else if (current >= 0) {
                perEvent[current]++;
            }
        }
        Map<String, int[]> byType = new TreeMap<>();
        long total = 0;
        for (int i = 0; i < perEvent.length; i++) {
            total += perEvent[i];
            int[] sumCount = byType.computeIfAbsent(eventTypes.get(i).replace("com.oraclecloud.", ""), k -> new int[2]);
            sumCount[0] += perEvent[i];
            sumCount[1]++;
        }
        warm.put("requestsPerEvent", Stats.round2((double) total / perEvent.length));
        ObjectNode types = warm.putObject("requestsPerEventType");
        byType.forEach((type, sc) -> types.put(type, Stats.round2((double) sc[0] / sc[1])));
        return perEvent;
    }
}
