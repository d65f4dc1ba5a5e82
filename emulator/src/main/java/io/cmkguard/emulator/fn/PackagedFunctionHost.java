package io.cmkguard.emulator.fn;

import io.cmkguard.emulator.FunctionHost;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs invoked functions out of process, as Fn does: a packaged function ({@link FnLayout}) in its own JVM
 * ({@link FnContainer}), called over its unix socket ({@link FnSocketClient}). A container serves one call at a
 * time and is kept warm for the next; a call that finds every container of its function busy (a function
 * invoking itself, say) starts another. Each function's containers get the configuration plus what Fn sets:
 * FN_FN_ID, FN_APP_ID, FN_FN_NAME and FN_MEMORY, and a JVM MaxRAM of the function's memory.
 */
public final class PackagedFunctionHost implements FunctionHost, AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What Fn tells a function's containers about the function.
     *
     * @param applicationId null when unknown
     * @param name          the function's display name, null when unknown
     */
    public record FnIdentity(String functionId, String applicationId, String name, long memoryInMBs) {
        /** A function the host knows nothing else about: 256 MB, as the stack deploys cmk-guard. */
        static FnIdentity of(String functionId) {
            return new FnIdentity(functionId, null, null, 256);
        }
    }

    /** A started container and the client that keeps its connection. */
    private record Warm(FnContainer container, FnSocketClient client) {
        void close() {
            client.close();
            container.close();
        }
    }

    private final FnLayout layout;
    private final Map<String, String> config;
    private final Path log;
    private final Map<String, FnIdentity> functions;
    private final Map<String, Deque<Warm>> idle = new HashMap<>();
    private final List<Warm> all = new ArrayList<>();
    private boolean closed;

    /**
     * @param config    the function configuration (environment variables), the same for every function
     * @param log       where every container's stdout and stderr go (appended)
     * @param functions what is known of each function by id; an unknown id runs with {@link FnIdentity#of}
     */
    public PackagedFunctionHost(FnLayout layout, Map<String, String> config, Path log, Map<String, FnIdentity> functions) {
        this.layout = layout;
        this.config = Map.copyOf(config);
        this.log = log;
        this.functions = Map.copyOf(functions);
    }

    @Override
    public byte[] invoke(String functionId, byte[] body, Instant deadline) {
        Warm warm = take(functionId);
        boolean reusable = false;
        try {
            FnAnswer answer = warm.client().call(body, Map.of("Fn-Call-Id", "emulator-" + System.nanoTime(),
                    "Fn-Deadline", deadline.toString(), "Content-Type", "application/json"));
            reusable = warm.container().isAlive();
            if (answer.status() != 200) {
                throw new IllegalStateException("the function answered " + answer.status() + ": " + answer.text());
            }
            return answer.body();
        } finally {
            giveBack(functionId, warm, reusable);
        }
    }

    /** Stops every container, busy ones included. */
    @Override
    public void close() {
        List<Warm> started;
        synchronized (this) {
            closed = true;
            started = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        started.forEach(Warm::close);
    }

    /** An idle container of the function, or a new one (started outside the lock: a JVM takes a while). */
    private Warm take(String functionId) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the function host is closed");
            }
            Warm warm = idle.computeIfAbsent(functionId, k -> new ArrayDeque<>()).poll();
            if (warm != null) {
                return warm;
            }
        }
        FnIdentity identity = functions.getOrDefault(functionId, FnIdentity.of(functionId));
        FnContainer container = FnContainer.start(layout.java(), layout.jvmArgs(identity.memoryInMBs() + "m"),
                layout.entry(), environment(identity), log);
        Warm warm = new Warm(container, new FnSocketClient(container.socket()));
        synchronized (this) {
            all.add(warm);
            if (closed) {
                all.remove(warm);
                warm.close();
                throw new IllegalStateException("the function host is closed");
            }
        }
        try {
            container.awaitReady(START_TIMEOUT);
        } catch (RuntimeException e) {
            discard(warm);
            throw e;
        }
        return warm;
    }

    private void giveBack(String functionId, Warm warm, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed) {
                idle.computeIfAbsent(functionId, k -> new ArrayDeque<>()).push(warm);
                return;
            }
        }
        discard(warm);
    }

    private void discard(Warm warm) {
        synchronized (this) {
            all.remove(warm);
        }
        warm.close();
    }

    private Map<String, String> environment(FnIdentity identity) {
        Map<String, String> environment = new LinkedHashMap<>(config);
        environment.put("FN_FN_ID", identity.functionId());
        environment.put("FN_MEMORY", Long.toString(identity.memoryInMBs()));
        if (identity.applicationId() != null) {
            environment.put("FN_APP_ID", identity.applicationId());
        }
        if (identity.name() != null) {
            environment.put("FN_FN_NAME", identity.name());
        }
        return environment;
    }
}
