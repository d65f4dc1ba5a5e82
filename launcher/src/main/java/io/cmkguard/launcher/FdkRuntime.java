package io.cmkguard.launcher;

import com.fnproject.fn.runtime.EntryPoint;
import io.cmkguard.emulator.FunctionHost;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the packaged function on the real Fn FDK runtime in this JVM. {@link #invoke} is one warm container,
 * configured once, that answers every body in order; as the emulator's {@link FunctionHost} it runs each
 * invocation the function makes of itself (a sweep's detached links) in a container of its own, on the emulator's
 * thread, so links may overlap. While it is open the JVM's stdout and stderr are the function's log, as in the Fn
 * image, never the caller's output.
 */
final class FdkRuntime implements FunctionHost, AutoCloseable {
    static final String HANDLER = "io.cmkguard.fn.CmkGuardFunction::handleRequest";

    private final LocalFunction function;
    private final Map<String, String> env;
    private final PrintStream log;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    /**
     * @param config the function configuration (becomes RuntimeContext.getConfiguration(), as Fn does with
     *               app and function config)
     * @param log    where the runtime's lines and the function's decision log go
     */
    private FdkRuntime(LocalFunction function, Map<String, String> config, PrintStream log) {
        this.function = function;
        this.log = log;
        env = new HashMap<>(config);
        // what the Fn server sets in every function container; FN_FORMAT is required by the runtime
        env.put("FN_FORMAT", "http-stream");
        env.put("FN_APP_NAME", "cmk-guard-local");
        env.put("FN_FN_NAME", LocalFunction.NAME);
        env.put("FN_APP_ID", function.applicationId());
        env.put("FN_FN_ID", function.id());
    }

    /** The function with this config; the JVM's stdout and stderr go to {@code log} until {@link #close}. */
    static FdkRuntime start(LocalFunction function, Map<String, String> config, PrintStream log) {
        FdkRuntime runtime = new FdkRuntime(function, config, log);
        System.setOut(log);
        System.setErr(log);
        return runtime;
    }

    /** One warm container answers every body, in order; each call may run the function's (sync) timeout. */
    List<InMemoryCodec.Answer> invoke(List<String> bodies) {
        return run(bodies, () -> Instant.now().plus(function.syncTimeout()));
    }

    /**
     * An invocation through the emulator's Functions API (the function invoking itself): a container of its own
     * answers it by {@code deadline}.
     *
     * @throws IllegalStateException for another function, or when the function did not succeed
     */
    @Override
    public byte[] invoke(String functionId, byte[] body, Instant deadline) {
        if (!function.id().equals(functionId)) {
            throw new IllegalStateException("only the packaged cmk-guard (" + function.id() + ") runs here, not "
                    + functionId);
        }
        InMemoryCodec.Answer answer = run(List.of(new String(body, StandardCharsets.UTF_8)), () -> deadline).get(0);
        if (!answer.succeeded()) {
            throw new IllegalStateException("the function answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().getBytes(StandardCharsets.UTF_8);
    }

    private List<InMemoryCodec.Answer> run(List<String> bodies, Supplier<Instant> deadline) {
        InMemoryCodec codec = new InMemoryCodec(bodies, deadline);
        int exit;
        try {
            exit = new EntryPoint().run(env, codec, log, HANDLER);
        } finally {
            log.flush();
        }
        List<InMemoryCodec.Answer> answers = codec.answers();
        if (answers.size() != bodies.size()) {
            throw new IllegalStateException("the FDK runtime stopped (exit " + exit + ") after " + answers.size()
                    + " of " + bodies.size() + " invocations: see the log");
        }
        return answers;
    }

    @Override
    public void close() {
        log.flush();
        System.setOut(stdout);
        System.setErr(stderr);
    }
}
