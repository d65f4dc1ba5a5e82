package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful local stand-in for the OCI REST APIs cmk-guard calls (Block Volume, Compute, Database, KMS,
 * Notifications, Object Storage, File Storage, Monitoring, Functions), on one base URL bound to 127.0.0.1. It checks request signatures like OCI does.
 */
public final class OciEmulator implements AutoCloseable {
    static final String DEMO_WORLD = "/io/cmkguard/emulator/demo-world.json";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every answer
        // then waits ~40 ms for the client's delayed ACK. Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ResourceStore store;
    private final MessagePublisher publisher;
    private final RequestLog log;
    private final Faults faults;
    private final LogSearch logSearch;
    private final ObjectStore objects;
    private final MetricIngestion metrics;
    private final FunctionInvocations functions;

    private OciEmulator(HttpServer server, ExecutorService executor, ResourceStore store,
                        MessagePublisher publisher, RequestLog log, Faults faults, LogSearch logSearch,
                        ObjectStore objects, MetricIngestion metrics, FunctionInvocations functions) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.publisher = publisher;
        this.log = log;
        this.faults = faults;
        this.logSearch = logSearch;
        this.objects = objects;
        this.metrics = metrics;
        this.functions = functions;
    }

    /** Starts an emulator on a random free port. */
    public static OciEmulator start(World world, EmulatorOptions options) {
        return start(world, options, 0);
    }

    /** Starts an emulator on the given port of 127.0.0.1 (0 = a random free port). */
    public static OciEmulator start(World world, EmulatorOptions options, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        Clock clock = Clock.systemUTC();
        ResourceStore store = new ResourceStore(world, baseUrl, clock);
        WritePreconditions preconditions = new WritePreconditions(store, KeyGrants.of(world));
        MessagePublisher publisher = new MessagePublisher(store);
        LogSearch logSearch = new LogSearch(world, store);
        ObjectStore objects = new ObjectStore(world.objects(), clock);
        MetricIngestion metrics = new MetricIngestion(store);
        FunctionInvocations functions = new FunctionInvocations(store);
        Router router = new Router(new ResourceReads(store), new VolumeRoutes(store, preconditions),
                new BackupRoutes(store, preconditions),
                new AutonomousDatabaseRoutes(store, preconditions, options.transition()), publisher,
                new RuleRoutes(store), new ObjectStorageRoutes(store, preconditions),
                new ObjectRoutes(store, objects),
                new FileSystemRoutes(store, preconditions), logSearch, metrics,
                functions);
        Faults faults = new Faults();
        world.faults().forEach(faults::add);
        RequestLog log = new RequestLog();
        Throttle throttle = new Throttle(options.throttlePerSecond());
        server.createContext("/", new EmulatorHttpHandler(
                new SignatureVerifier(options.trustedKeys(), clock), faults, router, log, options.latency(), throttle));
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
        return new OciEmulator(server, executor, store, publisher, log, faults, logSearch, objects, metrics, functions);
    }

    /** The demo world another module ships as a classpath resource. */
    public static World demoWorld() {
        try (InputStream in = OciEmulator.class.getResourceAsStream(DEMO_WORLD)) {
            if (in == null) {
                throw new IllegalStateException("the demo world " + DEMO_WORLD + " is not on the classpath");
            }
            return World.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo world " + DEMO_WORLD, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The current state in world format (with the log entries and the objects, so a dump reloaded serves the
     * same logs and objects), plus "messages", "metrics" (each accepted MetricDataDetails as posted),
     * "invocations" (see {@link #invocations()}) and "requests" ({method, path, query, status}).
     */
    public ObjectNode dump() {
        ObjectNode dump = store.dump();
        List<ObjectNode> logEntries = logSearch.entries();
        if (!logEntries.isEmpty()) {
            dump.putArray(LogSearch.WORLD_KEY).addAll(logEntries);
        }
        dump.set(ObjectStore.WORLD_KEY, objects.dump());
        ArrayNode messages = dump.putArray("messages");
        messages.addAll(publisher.messages());
        dump.putArray(MetricIngestion.DUMP_KEY).addAll(metrics.metrics());
        dump.putArray(FunctionInvocations.DUMP_KEY).addAll(functions.invocations());
        ArrayNode requests = dump.putArray("requests");
        for (RecordedRequest r : log.snapshot()) {
            ObjectNode entry = requests.addObject();
            entry.put("method", r.method());
            entry.put("path", r.path());
            entry.put("query", r.query());
            entry.put("status", r.status());
        }
        return dump;
    }

    /**
     * Every Object Storage object, in bucket then name order, as the dump lists them: {namespace, bucket, name,
     * content (text; contentBase64 instead when the bytes are not UTF-8), contentType, size, etag, md5,
     * timeCreated, timeModified, metadata (the opc-meta-* headers, when any)}.
     */
    public List<ObjectNode> objects() {
        List<ObjectNode> list = new java.util.ArrayList<>();
        objects.dump().forEach(o -> list.add((ObjectNode) o));
        return list;
    }

    /**
     * Every MetricDataDetails that Monitoring's PostMetricData accepted, in order, as it was posted: {namespace,
     * compartmentId, name, dimensions, metadata, resourceGroup, datapoints: [{timestamp, value, count}]}.
     */
    public List<ObjectNode> metrics() {
        return metrics.metrics();
    }

    /**
     * Sets what runs a function when one of the world's functions is invoked (replacing any host set before);
     * without one, an invocation answers 502 FunctionInvokeImageNotAvailable and is recorded NOT_HOSTED.
     */
    public OciEmulator hostFunction(FunctionHost host) {
        functions.host(host);
        return this;
    }

    /**
     * Every InvokeFunction so far, in the order received: {callId, functionId, invokeType (sync, detached), intent,
     * body (text), timeReceived, deadline, status (RUNNING, SUCCEEDED, FAILED, NOT_HOSTED), timeFinished, answer
     * (text, when SUCCEEDED) or error (when FAILED or NOT_HOSTED)}.
     */
    public List<ObjectNode> invocations() {
        return functions.invocations();
    }

    /**
     * Waits until no detached invocation is running (a chain, each link invoking the next before it ends, runs
     * until its last link ends).
     *
     * @return false when one still ran at the timeout
     */
    public boolean awaitDetachedInvocations(java.time.Duration timeout) throws InterruptedException {
        return functions.awaitDetached(timeout);
    }

    /** Published ONS messages, in order: {topicId, title, body, messageType, messageId, timeStamp}. */
    public List<ObjectNode> messages() {
        return publisher.messages();
    }

    /**
     * Keeps a line a function wrote, as OCI Functions' invoke log keeps it in OCI Logging, for the Logging
     * Search API (POST /20190909/search) to serve.
     */
    public void functionLogLine(String compartmentId, String logGroupId, String logId, String message) {
        logSearch.functionLine(compartmentId, logGroupId, logId, message);
    }

    /** Every log entry, from the world and from functionLogLine, in the shape a log search returns them. */
    public List<ObjectNode> logEntries() {
        return logSearch.entries();
    }

    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        functions.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "oci-emulator-" + count.incrementAndGet());
            thread.setDaemon(true); // a test that forgets close() must not hang the JVM
            return thread;
        };
    }
}
