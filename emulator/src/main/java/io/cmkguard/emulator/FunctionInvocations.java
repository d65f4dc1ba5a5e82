package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Functions' InvokeFunction ({@code POST /20181201/functions/{id}/actions/invoke}): a sync invocation runs the
 * host and answers its body; a detached one answers 202 at once, as OCI (Fn) does, and runs the host on an
 * emulator thread. Every invocation is recorded: {callId, functionId, invokeType, intent, body, timeReceived,
 * deadline, status (RUNNING, SUCCEEDED, FAILED, NOT_HOSTED), timeFinished, answer or error}.
 */
final class FunctionInvocations implements AutoCloseable {
    static final String DUMP_KEY = "invocations";
    /** What OCI Functions gives a function when its timeoutInSeconds is not set. */
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    private static final Set<String> INVOKE_TYPES = Set.of("sync", "detached");
    private static final Set<String> INTENTS = Set.of("httprequest", "cloudevent");

    private final ResourceStore store;
    private final ExecutorService detached = Executors.newCachedThreadPool(daemonThreads());
    private final List<ObjectNode> records = new ArrayList<>();
    private volatile FunctionHost host;
    private int running;

    FunctionInvocations(ResourceStore store) {
        this.store = store;
    }

    void host(FunctionHost host) {
        this.host = host;
    }

    Response invoke(IncomingRequest request, String functionId) {
        ObjectNode function = store.find(ResourceCollection.FUNCTIONS, functionId)
                .orElseThrow(() -> ApiError.notFound("functions/" + functionId));
        String type = lowerCase(request.header("fn-invoke-type"), "sync");
        if (!INVOKE_TYPES.contains(type)) {
            throw ApiError.invalidParameter("fn-invoke-type must be sync or detached, not " + type);
        }
        String intent = lowerCase(request.header("fn-intent"), null);
        if (intent != null && !INTENTS.contains(intent)) {
            throw ApiError.invalidParameter("fn-intent must be httprequest or cloudevent, not " + intent);
        }
        Instant received = store.now();
        Instant deadline = received.plusSeconds(timeoutSeconds(function, type));
        String callId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        ObjectNode record = Json.object();
        record.put("callId", callId);
        record.put("functionId", functionId);
        record.put("invokeType", type);
        record.put("intent", intent);
        record.put("body", new String(request.body(), StandardCharsets.UTF_8));
        record.put("timeReceived", Json.timestamp(received));
        record.put("deadline", Json.timestamp(deadline));
        FunctionHost current = host;
        if (current == null) {
            add(record, false);
            finish(record, "NOT_HOSTED", null, "the emulator hosts no function: embed it with"
                    + " OciEmulator.hostFunction(...) or start EmulatorMain with --function DIR");
            throw new ApiError(502, "FunctionInvokeImageNotAvailable", "Failed to pull function image: "
                    + record.get("error").asText());
        }
        byte[] body = request.body();
        if (type.equals("sync")) {
            add(record, false);
            byte[] answer = run(current, record, functionId, body, deadline);
            if (answer == null) {
                throw new ApiError(502, "FunctionInvokeExecutionFailed", "function failed: " + record.get("error").asText());
            }
            return Response.bytes(200, "application/octet-stream", answer).withHeader("fn-call-id", callId);
        }
        add(record, true);
        try {
            detached.execute(() -> {
                try {
                    run(current, record, functionId, body, deadline);
                } finally {
                    detachedDone();
                }
            });
        } catch (RejectedExecutionException e) { // the emulator is closing
            finish(record, "FAILED", null, "the emulator closed before the invocation ran");
            detachedDone();
        }
        return Response.empty(202).withHeader("fn-call-id", callId);
    }

    /** Every invocation so far, in the order received (detached ones may still be RUNNING). */
    synchronized List<ObjectNode> invocations() {
        return records.stream().map(ObjectNode::deepCopy).toList();
    }

    /**
     * Waits until no detached invocation runs (a chain of detached invocations, each invoking the next before it
     * ends, counts as running until its last one ends).
     *
     * @return false when some still ran at the timeout
     */
    synchronized boolean awaitDetached(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void close() {
        detached.shutdownNow();
    }

    /** Runs the host and records its answer; null when it failed. */
    private byte[] run(FunctionHost host, ObjectNode record, String functionId, byte[] body, Instant deadline) {
        try {
            byte[] answer = host.invoke(functionId, body, deadline);
            answer = answer == null ? new byte[0] : answer;
            finish(record, "SUCCEEDED", new String(answer, StandardCharsets.UTF_8), null);
            return answer;
        } catch (Exception | Error e) {
            finish(record, "FAILED", null, e.getMessage() == null ? e.toString() : e.getMessage());
            return null;
        }
    }

    private synchronized void add(ObjectNode record, boolean isDetached) {
        record.put("status", "RUNNING");
        records.add(record);
        if (isDetached) {
            running++;
        }
    }

    private synchronized void finish(ObjectNode record, String status, String answer, String error) {
        record.put("status", status);
        record.put("timeFinished", Json.timestamp(store.now()));
        if (answer != null) {
            record.put("answer", answer);
        }
        if (error != null) {
            record.put("error", error);
        }
    }

    private synchronized void detachedDone() {
        running--;
        notifyAll();
    }

    private static long timeoutSeconds(ObjectNode function, String type) {
        long sync = function.path("timeoutInSeconds").asLong(DEFAULT_TIMEOUT_SECONDS);
        return type.equals("detached") ? function.path("detachedModeTimeoutInSeconds").asLong(sync) : sync;
    }

    private static String lowerCase(String value, String absent) {
        return value == null ? absent : value.toLowerCase(Locale.ROOT);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "oci-emulator-function-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
